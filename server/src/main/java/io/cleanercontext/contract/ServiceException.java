package io.cleanercontext.contract;

/** A failure with a product error code, turned into a reply failure or an HTTP problem. */
public class ServiceException extends RuntimeException {
  private final ErrorCode code;
  private final String field;

  public ServiceException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public ServiceException(ErrorCode code, String message, String field) {
    super(message, null, false, false);
    this.code = code;
    this.field = field;
  }

  public ErrorCode code() {
    return code;
  }

  /** The request field at fault, or null. */
  public String field() {
    return field;
  }
}

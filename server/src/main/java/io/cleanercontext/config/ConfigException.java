package io.cleanercontext.config;

/** Configuration that cannot run; its message is the one-line reason printed before exit. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}

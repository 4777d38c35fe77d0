package io.cleanercontext.security;

import io.cleanercontext.contract.Problem;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Refusals of request framing that Netty's decoder accepts leniently, in front of Vert.x's handler
 * of each HTTP/1 connection: an unknown HTTP version (505; Vert.x would answer 501), more than one
 * {@code Host} (400, as RFC 9112 section 3.2 requires), both {@code Content-Length} and {@code
 * Transfer-Encoding} (400: the request-smuggling shape; Netty read it as chunked and kept the
 * connection), and a {@code Transfer-Encoding} other than exactly {@code chunked} (400; with a
 * {@code Content-Length} Netty read {@code xchunked} as a fixed-length body). Each refusal is an
 * {@code application/problem+json} answer naming the problem, then the connection is closed and the
 * rest of its input dropped: after a framing error nothing later on it can be trusted.
 */
final class HttpRequestChecks extends ChannelInboundHandlerAdapter {
  private boolean refused;

  /**
   * Vert.x's request decoder, except that a request with both {@code Transfer-Encoding: chunked}
   * and {@code Content-Length} keeps its {@code Content-Length} header (Netty removes it and reads
   * the body as chunked), so that {@link HttpRequestChecks} sees both and refuses the request.
   */
  static final class Decoder extends VertxHttpRequestDecoder {
    Decoder(HttpServerOptions options) {
      super(options);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(
        io.netty.handler.codec.http.HttpMessage message) {
      List<String> lengths = message.headers().getAll(HttpHeaderNames.CONTENT_LENGTH);
      super.handleTransferEncodingChunkedWithContentLength(message);
      message.headers().set(HttpHeaderNames.CONTENT_LENGTH, lengths);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!refused && msg instanceof HttpRequest request) {
      String problem = problemOf(request);
      if (problem != null) {
        refused = true;
        boolean version = request.protocolVersion().majorVersion() != 1;
        refuse(ctx, version ? 505 : 400, problem, request.uri());
      }
    }
    if (refused) {
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  /** Why the request is refused, or null. */
  static String problemOf(HttpRequest request) {
    if (request.protocolVersion().majorVersion() != 1) {
      return "HTTP version " + request.protocolVersion().text() + " is not supported: use HTTP/1.1";
    }
    HttpHeaders headers = request.headers();
    if (headers.getAll(HttpHeaderNames.HOST).size() > 1) {
      return "more than one Host header";
    }
    List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
    if (!codings.isEmpty()) {
      if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
        return "both Content-Length and Transfer-Encoding: send one of them";
      }
      if (codings.size() != 1 || !codings.get(0).strip().equalsIgnoreCase("chunked")) {
        return "Transfer-Encoding '"
            + String.join(", ", codings)
            + "' is not supported: only 'chunked' (or a Content-Length)";
      }
    }
    return null;
  }

  private static void refuse(ChannelHandlerContext ctx, int status, String detail, String uri) {
    byte[] body = Problem.of(status, detail, uri).encode().getBytes(StandardCharsets.UTF_8);
    var response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
    response
        .headers()
        .set("Content-Type", Problem.CONTENT_TYPE)
        .set("Content-Length", body.length)
        .set("Connection", "close");
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}

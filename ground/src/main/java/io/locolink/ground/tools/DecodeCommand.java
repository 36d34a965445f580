package io.locolink.ground.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.gateway.framing.MalformedMessageException;
import io.locolink.gateway.framing.StreamKind;
import io.locolink.gateway.framing.TelemetryFrameDecoder;
import io.locolink.proto.v1.TelemetryFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code locolink decode}: one encoded message (file or stdin) to JSON on stdout. */
@Command(name = "decode", mixinStandardHelpOptions = true,
    description = {"Decode one LocoLink protobuf message (a file, or stdin with '-') and print it as JSON.",
        "Telemetry frames are printed with their delta coding and scaling undone (volts, amperes, km/h)."})
public final class DecodeCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec
  private CommandSpec spec;

  @Option(names = {"-t", "--type"}, defaultValue = "TELEMETRY",
      description = "Message type: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private StreamKind type;

  @Option(names = "--raw", description = "Telemetry: print the wire fields as they are (deltas, scaled integers).")
  private boolean raw;

  @Parameters(index = "0", arity = "0..1", defaultValue = "-", paramLabel = "FILE",
      description = "Input file, or '-' for stdin (default: stdin).")
  private String input;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    byte[] bytes;
    try {
      bytes = read(input);
    } catch (java.nio.file.NoSuchFileException e) {
      err.println("decode: cannot read " + input + ": no such file");
      return 2;
    } catch (IOException e) {
      err.println("decode: cannot read " + input + ": " + e.getMessage());
      return 2;
    }
    try {
      Message message = type.parse(bytes);
      if (hasUnknownFields(message)) {
        List<String> others = Arrays.stream(StreamKind.values()).filter(k -> k != type && decodesCleanly(k, bytes))
            .map(StreamKind::topicSuffix).toList();
        if (!others.isEmpty()) {
          err.println("decode: these " + bytes.length + " bytes are not a " + type.protoName() + " (they hold fields it"
              + " does not define) but decode as " + String.join(" or ", others) + ": use --type " + others.get(0));
          return 3;
        }
        err.println("decode: warning: these bytes hold fields a " + type.protoName() + " of this version does not"
            + " define (from a newer gateway?); they are left out");
      }
      out.println(toJson(type, message, raw));
      return 0;
    } catch (InvalidProtocolBufferException | MalformedMessageException e) {
      err.println("decode: " + bytes.length + " bytes are not a valid " + type.protoName() + ": " + e.getMessage());
      return 3;
    }
  }

  /**
   * The JSON text for {@code message}, parsed as {@code type}.
   *
   * @throws MalformedMessageException if it is not a LocoLink message (no header)
   */
  static String toJson(StreamKind type, Message message, boolean raw) throws InvalidProtocolBufferException {
    var header = message.getDescriptorForType().findFieldByName("header");
    if (!message.hasField(header)) {
      throw new MalformedMessageException("no header (field 1): these bytes are not a LocoLink message", null);
    }
    if (type == StreamKind.TELEMETRY && !raw) {
      try {
        DecodedFrame frame = TelemetryFrameDecoder.decode((TelemetryFrame) message);
        ObjectNode tree = JSON.valueToTree(frame);
        // boot_id is a fixed64: unsigned, a decimal string as every other message type prints it.
        tree.put("bootId", Long.toUnsignedString(frame.bootId()));
        return JSON.writeValueAsString(tree);
      } catch (IOException e) {
        throw new IllegalStateException("JSON output failed", e);
      }
    }
    return JsonFormat.printer().print(message);
  }

  /** True when {@code bytes} are a {@code kind} with a header and nothing that kind does not define. */
  private static boolean decodesCleanly(StreamKind kind, byte[] bytes) {
    try {
      Message m = kind.parse(bytes);
      return m.hasField(m.getDescriptorForType().findFieldByName("header")) && !hasUnknownFields(m);
    } catch (MalformedMessageException e) {
      return false;
    }
  }

  /**
   * True when {@code m} or a message inside it holds fields its type does not define: a field number it
   * lacks, or one it has with another wire type (protobuf keeps both as unknown fields).
   */
  static boolean hasUnknownFields(Message m) {
    if (!m.getUnknownFields().asMap().isEmpty()) {
      return true;
    }
    for (Map.Entry<FieldDescriptor, Object> field : m.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      List<?> values = field.getKey().isRepeated() ? (List<?>) field.getValue() : List.of(field.getValue());
      for (Object value : values) {
        if (hasUnknownFields((Message) value)) {
          return true;
        }
      }
    }
    return false;
  }

  private static byte[] read(String input) throws IOException {
    if (input.equals("-")) {
      try (InputStream in = System.in) {
        return in.readAllBytes();
      }
    }
    return Files.readAllBytes(Path.of(input));
  }
}

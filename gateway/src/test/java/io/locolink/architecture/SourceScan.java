package io.locolink.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads Java sources as text and lists every package-level use they make: import statements and
 * fully qualified names in code (comments and string literals are left out, so a Javadoc mention is
 * not a dependency).
 */
final class SourceScan {

  /** One use: a file of package {@code from} names something in package {@code to}. */
  record Use(String from, String file, String to, String name) {}

  /** What was read. */
  record Result(int files, TreeSet<String> packages, List<Use> uses, List<String> packageInfos) {}

  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;", Pattern.MULTILINE);
  /** A dotted name starting at a root we have rules for, e.g. io.locolink.gateway.uplink.Uplink. */
  private static final Pattern QUALIFIED =
      Pattern.compile("(?<![\\w.])((?:io|com|org)\\.[a-z]\\w*(?:\\.\\w+)+)");
  private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(?s:.*?)\"\"\"");
  private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])+'");
  private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*(?s:.*?)\\*/");
  private static final Pattern LINE_COMMENT = Pattern.compile("//[^\\n]*");

  private SourceScan() {}

  /** Scans every {@code .java} file below each of {@code roots}. */
  static Result scan(List<Path> roots) throws IOException {
    int files = 0;
    TreeSet<String> packages = new TreeSet<>();
    List<Use> uses = new ArrayList<>();
    List<String> packageInfos = new ArrayList<>();
    for (Path root : roots) {
      List<Path> sources;
      try (Stream<Path> walk = Files.walk(root)) {
        sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      }
      for (Path source : sources) {
        files++;
        String text = Files.readString(source);
        Matcher pm = PACKAGE.matcher(text);
        if (!pm.find()) {
          throw new IllegalStateException(source + " has no package statement");
        }
        String pkg = pm.group(1);
        packages.add(pkg);
        if (source.getFileName().toString().equals("package-info.java")) {
          packageInfos.add(pkg);
          continue;
        }
        String code = strip(text);
        Matcher im = IMPORT.matcher(code);
        while (im.find()) {
          add(uses, pkg, source, im.group(1));
        }
        String body = IMPORT.matcher(PACKAGE.matcher(code).replaceAll("")).replaceAll("");
        Matcher qm = QUALIFIED.matcher(body);
        while (qm.find()) {
          add(uses, pkg, source, qm.group(1));
        }
      }
    }
    return new Result(files, packages, uses, packageInfos);
  }

  private static void add(List<Use> uses, String pkg, Path source, String name) {
    uses.add(new Use(pkg, source.getFileName().toString(), packageOf(name), name));
  }

  /** The package part of a qualified name: the segments before the first capitalised one. */
  static String packageOf(String name) {
    String[] parts = name.split("\\.");
    StringBuilder sb = new StringBuilder();
    for (String part : parts) {
      if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
        break;
      }
      sb.append(sb.isEmpty() ? "" : ".").append(part);
    }
    return sb.toString();
  }

  /** The code without comments and string or character literals. */
  static String strip(String text) {
    String s = TEXT_BLOCK.matcher(text).replaceAll("\"\"");
    s = STRING.matcher(s).replaceAll("\"\"");
    s = BLOCK_COMMENT.matcher(s).replaceAll(" ");
    return LINE_COMMENT.matcher(s).replaceAll("");
  }
}

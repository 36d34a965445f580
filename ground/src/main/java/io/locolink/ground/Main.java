package io.locolink.ground;

/** Entry point of the ground distribution. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(GroundCommands.commandLine().execute(args));
  }
}

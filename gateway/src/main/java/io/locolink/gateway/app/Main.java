package io.locolink.gateway.app;

/** Entry point of the onboard distribution (no simulator on the class path). */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(LocoLinkCommand.commandLine().execute(args));
  }
}

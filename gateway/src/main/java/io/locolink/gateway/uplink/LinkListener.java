package io.locolink.gateway.uplink;

/** Told about every change of the link. Called on the uplink's thread; must not block. */
@FunctionalInterface
public interface LinkListener {

  void onLink(LinkEvent event);
}

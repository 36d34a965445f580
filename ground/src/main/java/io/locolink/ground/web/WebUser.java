package io.locolink.ground.web;

/**
 * A dashboard user as the pages see it (never with its hash).
 *
 * @param id database id
 * @param name log-in name
 * @param role what the user may do
 */
public record WebUser(int id, String name, Role role) {}

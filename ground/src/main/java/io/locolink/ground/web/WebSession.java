package io.locolink.ground.web;

/**
 * A logged-in browser.
 *
 * @param user who
 * @param csrfToken the token every state-changing request of this session must carry
 *     (header {@code X-CSRF-Token})
 */
public record WebSession(WebUser user, String csrfToken) {}

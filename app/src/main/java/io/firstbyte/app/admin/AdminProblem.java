package io.firstbyte.app.admin;

import org.springframework.http.HttpStatus;

/** A request the admin API refuses, with its status (400, 404 or 409) and a message safe to show. */
final class AdminProblem extends RuntimeException {

    private final HttpStatus status;

    private AdminProblem(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static AdminProblem invalid(String message) {
        return new AdminProblem(HttpStatus.BAD_REQUEST, message);
    }

    static AdminProblem notFound(String message) {
        return new AdminProblem(HttpStatus.NOT_FOUND, message);
    }

    static AdminProblem conflict(String message) {
        return new AdminProblem(HttpStatus.CONFLICT, message);
    }

    HttpStatus status() {
        return status;
    }
}

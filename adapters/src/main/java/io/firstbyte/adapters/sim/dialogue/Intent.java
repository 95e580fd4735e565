package io.firstbyte.adapters.sim.dialogue;

/** What the caller wants to do. */
enum Intent {
    BOOK, AVAILABILITY, CANCEL
}

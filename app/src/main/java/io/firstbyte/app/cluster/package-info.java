/** The instances sharing one Redis: who holds which live call, and reaching the owner of a call from any instance. */
@NullMarked
package io.firstbyte.app.cluster;

import org.jspecify.annotations.NullMarked;

/**
 * Which speech-to-text, language model and text-to-speech providers serve a call: the server's
 * default selection from configuration, a tenant's override of it, and the per-call routing between them.
 */
@NullMarked
package io.firstbyte.app.providers;

import org.jspecify.annotations.NullMarked;

/** Other people's wire protocols: telephony dialects and speech, language and voice providers. */
@NullMarked
package io.firstbyte.adapters;

import org.jspecify.annotations.NullMarked;

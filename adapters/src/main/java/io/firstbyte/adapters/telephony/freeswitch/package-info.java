/** FreeSWITCH mod_audio_stream (and mod_audio_fork): the codec for their metadata, L16 audio and playback messages. */
@NullMarked
package io.firstbyte.adapters.telephony.freeswitch;

import org.jspecify.annotations.NullMarked;

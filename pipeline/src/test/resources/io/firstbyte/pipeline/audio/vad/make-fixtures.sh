#!/usr/bin/env bash
# Makes the VAD test fixtures beside this script: real speech from espeak-ng and steady noise from
# sox, as raw mu-law 8 kHz mono (what a Twilio caller's line carries; half the size of PCM16).
# The tests scale and mix them (speech 10 dB above the noise) and take the true speech onset from
# each sentence's first non-silent sample, so the fixtures need no particular level.
# Needs the Debian packages espeak-ng and sox; sox runs in repeatable mode without dither (-R -D),
# so the output is the same on every run. Run it again only to change the fixtures, and commit what
# it writes (about 330 KB in all).
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sentences=(
  "Hello, I would like to book a haircut for Friday afternoon."
  "Sorry, could you check Tuesday instead?"
  "Yes, three o'clock works for me."
  "My name is Sam Taylor, thank you."
)
for i in "${!sentences[@]}"; do
  espeak-ng -v en-us -s 165 -w "$tmp/speech.wav" "${sentences[$i]}"
  sox -R -D "$tmp/speech.wav" -r 8000 -c 1 -t ul "speech-$((i + 1)).ul"
done

# Ten seconds of each noise at about -25 dBFS RMS; the tests loop them for longer runs.
sox -R -D -n -r 8000 -c 1 -t ul noise-pink.ul synth 10 pinknoise gain -12
sox -R -D -n -r 8000 -c 1 -t ul noise-brown.ul synth 10 brownnoise gain -12
# A television in the room: broadband noise with a mains hum and its harmonic under it.
sox -R -D -n -r 8000 -c 4 -t wav "$tmp/tv.wav" synth 10 pinknoise brownnoise sine 100 sine 200
sox -R -D "$tmp/tv.wav" -t ul noise-tv.ul remix 1v0.6,2v0.3,3v0.08,4v0.04 gain -6

/**
 * Call control: signals that steer a call from outside a turn, and decisions to end it. Limits
 * ({@link io.firstbyte.pipeline.control.CallWatchdog}), the agent's hang-up
 * ({@link io.firstbyte.pipeline.control.EndCallTool}), prompts for a silent caller
 * ({@link io.firstbyte.pipeline.control.CallerSilence}) and the keypad
 * ({@link io.firstbyte.pipeline.control.Keypad}, with the key that asks for a person).
 */
@NullMarked
package io.firstbyte.pipeline.control;

import org.jspecify.annotations.NullMarked;

/** jambonz's HTTP requests to this server: the listen verb's actionHook, which hands a caller over or hangs up. */
@NullMarked
package io.firstbyte.app.web.jambonz;

import org.jspecify.annotations.NullMarked;

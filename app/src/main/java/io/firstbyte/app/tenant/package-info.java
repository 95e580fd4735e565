/** Tenants: who a call or request belongs to (by dialled number or API key), and their credentials. */
@NullMarked
package io.firstbyte.app.tenant;

import org.jspecify.annotations.NullMarked;

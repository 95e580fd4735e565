/** The admin API's read side of call records: {@code GET /admin/calls} and {@code GET /admin/calls/{id}}. */
@NullMarked
package io.firstbyte.app.web.records;

import org.jspecify.annotations.NullMarked;

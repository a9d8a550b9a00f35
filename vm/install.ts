/**
 * Loads every behaviour file so that each fills in its type slots, built-ins
 * and modules. The interpreter imports this once.
 *
 * @module
 */

import "./runtime.ts";

/**
 * `gc` (`py/modgc.c`): runs a collection now, switches automatic collection
 * on and off, sets the allocation threshold, and reports heap figures as a
 * 32-bit board does (HEAP_MODEL §1.5, §1.12).
 *
 * @module
 */

import { defineFunction, defineModule } from "./builtins.ts";
import { heap } from "./heap.ts";
import { None } from "./obj.ts";
import { checkArgs } from "./mod_support.ts";
import { toInt } from "./runtime.ts";

defineModule("gc", (dict) => {
  defineFunction(dict, "collect", (args, kw) => {
    checkArgs(args, kw, 0);
    heap.collect(true);
    return None;
  });
  defineFunction(dict, "enable", (args, kw) => {
    checkArgs(args, kw, 0);
    heap.enabled = true;
    return None;
  });
  defineFunction(dict, "disable", (args, kw) => {
    checkArgs(args, kw, 0);
    heap.enabled = false;
    return None;
  });
  defineFunction(dict, "isenabled", (args, kw) => {
    checkArgs(args, kw, 0);
    return heap.enabled;
  });
  defineFunction(dict, "mem_alloc", (args, kw) => {
    checkArgs(args, kw, 0);
    return heap.memAlloc();
  });
  defineFunction(dict, "mem_free", (args, kw) => {
    checkArgs(args, kw, 0);
    return heap.memFree();
  });
  defineFunction(dict, "threshold", (args, kw) => {
    checkArgs(args, kw, 0, 1);
    if (args.length === 0) return heap.threshold;
    const v = toInt(args[0]);
    heap.threshold = typeof v === "bigint" ? Number(v) : v;
    return None;
  });
});

/**
 * Loads every behaviour file so that each fills in its type slots, built-ins
 * and modules. The interpreter imports this once.
 *
 * @module
 */

import "./runtime.ts";
import "./gc_mark.ts";
import "./mod_gc.ts";
import "./mod_micropython.ts";
import "./obj_slice.ts";
import "./obj_iter.ts";
import "./obj_tuple.ts";
import "./obj_list.ts";
import "./obj_dict.ts";
import "./obj_set.ts";
import "./obj_range.ts";
import "./obj_int.ts";
import "./obj_float.ts";
import "./obj_complex.ts";
import "./obj_str.ts";
import "./obj_bytes.ts";
import "./builtin_num.ts";
import "./mod_builtins.ts";
import "./obj_exception.ts";
import "./obj_fun.ts";
import "./obj_type.ts";
import "./obj_gen.ts";
import "./obj_module.ts";
import "./import.ts";
import "./mod_sys.ts";
import "./mod_math.ts";
import "./mod_cmath.ts";
import "./mod_random.ts";
import "./mod_struct.ts";
import "./mod_binascii.ts";
import "./mod_hashlib.ts";
import "./mod_heapq.ts";
import "./mod_json.ts";
import "./mod_re.ts";
import "./mod_collections.ts";
import "./mod_errno.ts";
import "./mod_io.ts";
import "./mod_os.ts";
import "./mod_time.ts";
import "./mod_array.ts";
import "./mod_deflate.ts";
import "./mod_framebuf.ts";
import "./mod_uctypes.ts";
import "./jit.ts";

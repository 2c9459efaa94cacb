// The engine behind a guard: every call into the wasm module (its functions, its classes'
// constructors, static methods and instance methods) goes through `guardEngine`, which notices a
// wasm trap (a WebAssembly.RuntimeError: a panic aborts the release build) and tells the page
// once. A trapped instance is never called again: its memory may be half-changed, so every later
// call throws an Error saying the engine stopped, and the page restarts a fresh instance
// (see main.js) that restores the learner's work from storage.

/** The message every call to a stopped engine throws. */
export const STOPPED = 'The engine stopped; restart it to go on (your saved work is kept).';

/** Whether `err` is a wasm trap. */
export function isTrap(err) {
  return typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError;
}

/**
 * The exports of the wasm glue module `wasm`, guarded: `onTrap(err)` is called once, at the first
 * trap; that call and every later one throw.
 */
export function guardEngine(wasm, onTrap) {
  let stopped = false;
  // The objects this instance made: at a trap they let go of their memory without calling the
  // dead instance (wasm-bindgen would free them from a FinalizationRegistry callback, into it).
  const made = new Set();
  const letGo = () => {
    for (const ref of made) {
      try {
        ref.deref()?.__destroy_into_raw?.();
      } catch {
        // Nothing more to do for it.
      }
    }
    made.clear();
  };
  const call = (fn, self, args) => {
    if (stopped) throw new Error(STOPPED);
    try {
      return Reflect.apply(fn, self, args);
    } catch (err) {
      if (isTrap(err)) {
        stopped = true;
        letGo();
        try {
          onTrap(err);
        } catch (inner) {
          console.error(inner);
        }
      }
      throw err;
    }
  };
  const wrapInstance = (obj) => {
    if (typeof WeakRef !== 'undefined') {
      if (made.size >= 64) for (const ref of made) if (!ref.deref()) made.delete(ref);
      made.add(new WeakRef(obj));
    }
    return new Proxy(obj, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        return (...args) => call(value, target, args);
      },
    });
  };
  const wrapExport = (value) => {
    if (typeof value !== 'function') return value;
    return new Proxy(value, {
      apply: (target, self, args) => call(target, self, args),
      construct(target, args) {
        if (stopped) throw new Error(STOPPED);
        const obj = call(() => Reflect.construct(target, args), undefined, []);
        return wrapInstance(obj);
      },
      get(target, prop) {
        const v = Reflect.get(target, prop, target);
        // Static methods (a class's own functions); not the prototype or the class itself.
        if (typeof v !== 'function' || prop === 'constructor') return v;
        return (...args) => {
          const out = call(v, target, args);
          return out instanceof target ? wrapInstance(out) : out;
        };
      },
    });
  };
  const guarded = {};
  for (const [name, value] of Object.entries(wasm)) {
    if (name === 'default' || name === 'initSync') continue;
    guarded[name] = wrapExport(value);
  }
  return Object.freeze(guarded);
}

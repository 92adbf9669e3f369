// google.script.run for the local preview, injected at the top of the served Sidebar.html.
//
// As in Apps Script (HtmlService.SandboxMode.IFRAME), the sidebar runs in a sandboxed iframe with an opaque
// origin, and its Content-Security-Policy allows no network access: the shim cannot fetch anything. It posts
// each call to the parent page ({id, fn, args}), which POSTs it to /api/run and posts the answer back, as
// Google's bridge relays google.script.run through postMessage to the frame around the sidebar.
//
// Like the real bridge, it only passes what Google's documentation allows
// (https://developers.google.com/apps-script/guides/html/reference/run#myFunction(...) and
// https://developers.google.com/apps-script/guides/html/communication#parameters_and_return_values):
//   "Legal parameters are JavaScript primitives like a Number, Boolean, String, or null, as well as JavaScript
//   objects and arrays that are composed of primitives, objects, and arrays. [...] Requests fail if you attempt
//   to pass a Date, Function, DOM element besides a form, or other prohibited type, including prohibited types
//   inside objects or arrays. Objects that create circular references will also fail, and undefined fields
//   within arrays become null."
// and for return values: "the return type is subject to the same restrictions as parameter types, except that a
// form element is not a legal return type". So, before anything is sent:
//   - a Date, a function, a symbol, a bigint, a DOM node (forms included: the preview does not model form
//     parameters), any object that is not a plain object or array (class instance, Map, Set, typed array, RegExp,
//     Error, boxed primitive...) or a circular structure, at any depth, makes the call fail: the failure handler
//     gets an Error naming what was rejected and where, and nothing is sent;
//   - undefined in an array becomes null (documented); an object property whose value is undefined is dropped
//     (as JSON drops it; the documentation does not say);
//   - a top-level undefined argument: the documentation is silent, so the preview rejects it (strict, so that
//     what works here works in Sheets); likewise NaN and ±Infinity, which JSON would turn into null silently.
// An answer is checked the same way (the server side already refuses a server function's answer that is not
// plain data, see harness.fromClient); the success handler only ever gets JSON-safe data.
//
// Only the script's public functions are methods of google.script.run: the server fills in the list of the
// top-level functions of dist/Code.js, leaving out the private ones (names ending in "_"), which Apps Script
// never sends to the client. So, as in Sheets, calling a private or unknown name throws a TypeError ("... is not
// a function") at the call site; the failure handler is not involved.
(function () {
  'use strict';
  var SOURCE = 'customer-value-preview';
  // Replaced by server.ts with the names of the public server functions (JSON array of strings).
  var SERVER_FUNCTIONS = /*SERVER_FUNCTIONS*/ [];
  var RESERVED = ['withSuccessHandler', 'withFailureHandler', 'withUserObject'];

  var toString = Object.prototype.toString;

  function typeName(value) {
    if (typeof Node === 'function' && value instanceof Node) return 'a DOM ' + (value.nodeName || 'node').toLowerCase() + ' element';
    var proto = Object.getPrototypeOf(value);
    var ctor = proto && proto.constructor;
    var named = ctor && typeof ctor.name === 'string' && ctor.name ? 'an instance of ' + ctor.name : '';
    if (Array.isArray(value)) return (named || 'an array') + ' (an Array subclass, not a plain array)';
    var tag = toString.call(value).slice(8, -1);
    if (tag !== 'Object') return (/^[AEIO]/.test(tag) ? 'an ' : 'a ') + tag;
    return named || 'a non-plain object';
  }

  function isPlainObject(value) {
    if (toString.call(value) !== '[object Object]') return false;
    var proto = Object.getPrototypeOf(value);
    // Object.prototype of this or another realm (its own prototype is null), or an Object.create(null) object.
    return proto === null || Object.getPrototypeOf(proto) === null;
  }

  function isPlainArray(value) {
    if (!Array.isArray(value)) return false;
    var proto = Object.getPrototypeOf(value);
    return proto !== null && Object.getPrototypeOf(proto) !== null && Object.getPrototypeOf(Object.getPrototypeOf(proto)) === null;
  }

  function rejected(where, what, advice, why) {
    return new Error('google.script.run: ' + where + ' ' + what + (advice ? '; ' + advice : '') + ' (' + (why || 'the real bridge rejects it') + ')');
  }
  var NOT_LEGAL = 'undefined is not among the legal parameter types and the documentation is silent on it, so the preview rejects it';
  var NOT_JSON = 'the documentation is silent on it and JSON would turn it into null, so the preview rejects it';

  /**
   * A JSON-safe copy of `value` as the real bridge would deliver it, or throws an Error naming what it rejects.
   * `where` names the value in messages ("argument 1", "argument 1.asOf[2]", "the answer of getSheetInfo").
   * `ancestors` holds the objects and arrays being copied above this one, to catch circular structures.
   */
  function plainCopy(value, where, ancestors) {
    if (value === null) return null;
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        if (!isFinite(value)) throw rejected(where, 'is ' + String(value), 'pass a finite number or null instead', NOT_JSON);
        return value;
      case 'undefined':
        throw rejected(where, 'is undefined', 'pass null instead', NOT_LEGAL);
      case 'function':
        throw rejected(where, 'is a function', 'functions cannot be passed');
      case 'symbol':
        throw rejected(where, 'is a symbol', 'pass a string instead');
      case 'bigint':
        throw rejected(where, 'is a bigint', 'pass a number or a string instead');
    }
    if (toString.call(value) === '[object Date]') {
      throw new Error('google.script.run: ' + where + ' is a Date; pass a string or number instead (the real bridge rejects Dates)');
    }
    if (ancestors.indexOf(value) >= 0) throw rejected(where, 'refers back to an object that contains it (a circular structure)', 'pass a tree of plain data');
    var out;
    ancestors.push(value);
    if (isPlainArray(value)) {
      out = [];
      for (var i = 0; i < value.length; i++) {
        // Documented: undefined fields within arrays become null (holes too, as in JSON).
        out.push(value[i] === undefined ? null : plainCopy(value[i], where + '[' + i + ']', ancestors));
      }
    } else if (isPlainObject(value)) {
      out = {};
      var keys = Object.keys(value);
      for (var k = 0; k < keys.length; k++) {
        var v = value[keys[k]];
        if (v === undefined) continue; // dropped, as JSON drops it
        out[keys[k]] = plainCopy(v, where + '.' + keys[k], ancestors);
      }
    } else {
      ancestors.pop();
      throw rejected(where, 'is ' + typeName(value), 'pass plain objects, arrays and primitives only');
    }
    ancestors.pop();
    return out;
  }

  function plainArguments(args) {
    var out = [];
    for (var i = 0; i < args.length; i++) out.push(plainCopy(args[i], 'argument ' + (i + 1), []));
    return out;
  }

  var pending = new Map();
  var nextId = 1;
  var connected = window.parent !== window;

  function fail(handlers, error) {
    // "Without a failure handler, failures are logged to the JavaScript console. To override this, call
    // withFailureHandler(null)." (reference/run#withFailureHandler)
    if (typeof handlers.failure === 'function') handlers.failure(error, handlers.user);
    else if (handlers.failure === undefined && typeof console !== 'undefined') console.error(error);
  }

  function succeed(handlers, fn, result) {
    var value;
    try {
      value = plainCopy(result === undefined ? null : result, 'the answer of ' + fn, []);
    } catch (e) {
      fail(handlers, e);
      return;
    }
    if (typeof handlers.success === 'function') handlers.success(value, handlers.user);
  }

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || window.parent === window) return;
    var data = event.data;
    if (!data || data.source !== SOURCE || data.type !== 'answer' || !pending.has(data.id)) return;
    var call = pending.get(data.id);
    pending.delete(data.id);
    if (typeof data.error === 'string') fail(call.handlers, new Error(data.error));
    else succeed(call.handlers, call.fn, data.result);
  });

  function send(fn, handlers, rawArgs) {
    var args;
    try {
      args = plainArguments(rawArgs);
    } catch (e) {
      // Asynchronous, like every answer of google.script.run; nothing reaches the server.
      setTimeout(function () { fail(handlers, e); }, 0);
      return;
    }
    if (!connected) {
      setTimeout(function () { fail(handlers, new Error('google.script.run: the sidebar is not inside the preview page (open / rather than /sidebar)')); }, 0);
      return;
    }
    var id = nextId++;
    pending.set(id, { fn: fn, handlers: handlers });
    // The parent page has the server's origin; this frame's origin is opaque, so '*' is the only target that works
    // here, and the parent checks that the message comes from this frame.
    window.parent.postMessage({ source: SOURCE, type: 'run', id: id, fn: fn, args: args }, '*');
  }

  function runner(handlers) {
    var run = {
      withSuccessHandler: function (f) { return runner(Object.assign({}, handlers, { success: f })); },
      withFailureHandler: function (f) { return runner(Object.assign({}, handlers, { failure: f })); },
      withUserObject: function (o) { return runner(Object.assign({}, handlers, { user: o })); },
    };
    SERVER_FUNCTIONS.forEach(function (name) {
      if (RESERVED.indexOf(name) >= 0 || /_$/.test(name)) return;
      run[name] = function () { send(name, handlers, Array.prototype.slice.call(arguments)); };
    });
    return run;
  }

  window.google = {
    script: {
      run: runner({}),
      host: { close: function () {}, setHeight: function () {}, setWidth: function () {}, editor: { focus: function () {} } },
    },
  };
})();

// google.script.run for the local preview: every server call is a POST to /api/run, answered by the built
// dist/Code.js in the harness. Injected at the top of the served Sidebar.html.
(function () {
  'use strict';
  function tellParent(fn) {
    if (fn !== 'getAnalysisProgress' && window.parent !== window) {
      window.parent.postMessage({ source: 'customer-value-preview', type: 'server-call', fn: fn }, '*');
    }
  }

  function runner(handlers) {
    return new Proxy(
      {},
      {
        get: function (_target, name) {
          if (typeof name !== 'string' || name === 'then') return undefined;
          if (name === 'withSuccessHandler') return function (f) { return runner(Object.assign({}, handlers, { success: f })); };
          if (name === 'withFailureHandler') return function (f) { return runner(Object.assign({}, handlers, { failure: f })); };
          if (name === 'withUserObject') return function (o) { return runner(Object.assign({}, handlers, { user: o })); };
          return function () {
            var args = Array.prototype.slice.call(arguments);
            fetch('/api/run', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ fn: name, args: args }),
            })
              .then(function (response) {
                if (!response.ok) throw new Error('The preview server answered ' + response.status);
                return response.json();
              })
              .then(
                function (answer) {
                  tellParent(name);
                  if ('error' in answer) {
                    if (handlers.failure) handlers.failure(new Error(answer.error), handlers.user);
                  } else if (handlers.success) {
                    handlers.success(answer.result, handlers.user);
                  }
                },
                function (error) {
                  if (handlers.failure) handlers.failure(error instanceof Error ? error : new Error(String(error)), handlers.user);
                },
              );
          };
        },
      },
    );
  }

  window.google = {
    script: {
      run: runner({}),
      host: { close: function () {}, setHeight: function () {}, setWidth: function () {}, editor: { focus: function () {} } },
    },
  };
})();

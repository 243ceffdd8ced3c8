// Records the elements' events for the browser tests (no inline script: the page's CSP forbids it).
window.swissCheckoutEvents = [];
for (const type of ['swiss-checkout:change', 'swiss-checkout:complete', 'swiss-checkout:error']) {
  document.addEventListener(type, (event) => {
    window.swissCheckoutEvents.push({ type, target: event.target.id, detail: event.detail });
  });
}
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
});

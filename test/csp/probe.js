// Loaded first by the CSP test pages: records every Content-Security-Policy violation the page causes.
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI || event.sample || ''}`);
});

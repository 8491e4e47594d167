// Draws the API reference from this deployment's own OpenAPI document (same origin, relative to the
// page at /api/docs). No call leaves this origin: the public validator badge is off, and the page's
// Content-Security-Policy allows connections to this origin only.
window.addEventListener('DOMContentLoaded', function () {
  window.SwaggerUIBundle({
    url: 'openapi.json',
    dom_id: '#reference',
    deepLinking: true,
    docExpansion: 'list',
    validatorUrl: null,
    tryItOutEnabled: false,
  });
});

// Draws the API reference from this deployment's own OpenAPI document (same origin, from the root, so the
// page works at /api/docs and /api/docs/ alike). No call leaves this origin: the public validator badge is off, and the page's
// Content-Security-Policy allows connections to this origin only.
window.addEventListener('DOMContentLoaded', function () {
  window.SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#reference',
    deepLinking: true,
    docExpansion: 'list',
    validatorUrl: null,
    tryItOutEnabled: false,
  });
});

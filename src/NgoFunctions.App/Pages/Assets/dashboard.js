// The ministry dashboard's script. The page holds no data: this asks for the ministry key, keeps it in
// sessionStorage only (never in a URL or a cookie), calls the monitoring API with it in X-Api-Key and
// fills the sections. Every text comes from the page's embedded texts (#dashboard-texts); every value
// from the API is written with textContent, never as HTML.
'use strict';
(() => {
  const root = document.documentElement;
  const lang = root.lang === 'en' ? 'en' : 'ar';
  const rtl = root.dir === 'rtl';
  const texts = JSON.parse(document.getElementById('dashboard-texts').textContent);
  const t = (key, ...args) =>
    (texts['dashboard.' + key] ?? key).replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));

  const KEY = 'ngo-functions.ministry-key';
  const ministryBase = new URL('./', location.href); // .../api/ministry/
  const apiBase = new URL('../', ministryBase); // .../api/
  const locale = lang === 'ar' ? 'ar-SY-u-nu-latn' : 'en-GB';
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const times = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const days = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const FUNNEL = ['Submitted', 'Routed', 'Accepted', 'InProgress', 'Resolved'];
  const STATUSES = [...FUNNEL, 'Closed', 'Waitlisted', 'Unroutable', 'Cancelled'];
  const COLORS = {
    Submitted: '#8a9ba8', Routed: '#2a7ab0', Accepted: '#0b6e4f', InProgress: '#3d9970',
    Resolved: '#7cb342', Closed: '#b0bec5', Waitlisted: '#e67e22', Unroutable: '#c0392b', Cancelled: '#b58900',
  };
  const BACKLOG_LIMIT = 500;

  const $ = (id) => document.getElementById(id);
  const names = { sectors: new Map(), governorates: new Map() };
  const charts = {};
  let generation = 0;

  class KeyRejected extends Error {}
  // title: the problem's own words (problem+json, already in the page's language), when the API gave some.
  class HttpError extends Error {
    constructor(status, title) { super(`HTTP ${status}`); this.status = status; this.title = title; }
  }

  // --- DOM helpers -------------------------------------------------------------------------------
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'className') node.className = value;
      else if (name === 'dataset') Object.assign(node.dataset, value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
    }
    return node;
  }
  const row = (...cells) => el('tr', {}, cells.map((c) => (c instanceof Node && c.tagName === 'TD' ? c : el('td', {}, c))));
  const fill = (tbodyId, rows) => $(tbodyId).replaceChildren(...rows);
  const emptyRow = (tbodyId, text, testid) => {
    const columns = $(tbodyId).closest('table').querySelectorAll('thead th').length || 1;
    fill(tbodyId, [el('tr', {}, el('td', { colspan: columns, className: 'empty', 'data-testid': testid }, text))]);
  };

  const number = (n) => (n === null || n === undefined ? '—' : numbers.format(n));
  const rate = (value) => (value === null || value === undefined ? '—' : percents.format(value));
  const sectorName = (code) => names.sectors.get(code)?.[lang] ?? code;
  const governorateName = (code) => names.governorates.get(code)?.[lang] ?? code;
  const statusName = (status) => texts['dashboard.status.' + status] ?? status;
  const actorName = (actor) => texts['dashboard.actor.' + actor] ?? (actor?.startsWith('ngo:') ? actor.slice(4) : actor);
  const dateTime = (iso) => (iso ? times.format(new Date(iso)) : '—');

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '—';
    const s = Math.round(seconds);
    const [d, h, m] = [Math.floor(s / 86400), Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60)];
    const part = (value, unit) => `${numbers.format(value)} ${t('unit.' + unit)}`;
    if (d > 0) return h > 0 ? `${part(d, 'd')} ${part(h, 'h')}` : part(d, 'd');
    if (h > 0) return m > 0 ? `${part(h, 'h')} ${part(m, 'min')}` : part(h, 'h');
    if (m > 0) return part(m, 'min');
    return part(s, 's');
  }

  function status(text, kind = '') {
    const node = $('status');
    node.textContent = text;
    node.className = kind;
  }

  // --- API -------------------------------------------------------------------------------------------
  const key = () => sessionStorage.getItem(KEY);

  async function call(url, accept = 'application/json') {
    const response = await fetch(url, {
      headers: { 'X-Api-Key': key() ?? '', Accept: accept, 'Accept-Language': lang },
      cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer',
    });
    if (response.status === 401) throw new KeyRejected();
    if (!response.ok) throw new HttpError(response.status, await problemTitle(response));
    return response;
  }
  const json = async (url) => (await call(url)).json();

  async function problemTitle(response) {
    if (!(response.headers.get('Content-Type') ?? '').includes('application/problem+json')) return undefined;
    try {
      const problem = await response.json();
      return typeof problem.title === 'string' ? problem.title : undefined;
    } catch {
      return undefined;
    }
  }

  function ministryUrl(path, query) {
    const url = new URL(path, ministryBase);
    for (const [name, value] of query ?? []) url.searchParams.set(name, value);
    return url;
  }

  function filters() {
    const query = new URLSearchParams();
    for (const name of ['from', 'to', 'sector', 'governorate']) {
      const value = $('filter-' + name).value;
      if (value) query.set(name, value);
    }
    return query;
  }

  // Sector and governorate names: public reference data, asked for without the key.
  async function loadNames() {
    const [sectors, locations] = await Promise.all([
      fetch(new URL('sectors', apiBase), { credentials: 'omit' }).then((r) => r.json()),
      fetch(new URL('locations', apiBase), { credentials: 'omit' }).then((r) => r.json()),
    ]);
    for (const s of sectors) names.sectors.set(s.code, s.name);
    for (const g of locations.governorates) names.governorates.set(g.pCode, g.name);
    const options = (map) => [...map].map(([code, name]) => el('option', { value: code }, name[lang] ?? code));
    $('filter-sector').append(...options(names.sectors));
    $('filter-governorate').append(...options(names.governorates));
  }

  // --- Loading ---------------------------------------------------------------------------------------
  async function load() {
    const mine = ++generation;
    document.body.dataset.state = 'loading';
    status(t('loading'));
    const query = filters();
    try {
      const [stats, coverage] = await Promise.all([json(ministryUrl('stats', query)), json(ministryUrl('coverage', query))]);
      if (mine !== generation) return;
      showDashboard();
      if (!$('filter-from').value) $('filter-from').value = stats.from;
      if (!$('filter-to').value) $('filter-to').value = stats.to;
      renderTotals(stats, coverage, query);
      renderTimes(stats.times);
      renderClosure(stats.closure, stats.outcomes);
      renderFlow(stats.days ?? []);
      renderFunnel(stats);
      renderHeatmap(coverage, stats, query);
      await Promise.all([renderMap(coverage, query, mine), loadNgos(query, mine), loadBacklog(query, mine)]);
      if (mine !== generation) return;
      status(t('updated', times.format(new Date())));
      document.body.dataset.state = 'ready';
    } catch (error) {
      if (mine === generation) failed(error);
    }
  }

  function failed(error) {
    if (error instanceof KeyRejected) {
      sessionStorage.removeItem(KEY);
      showKeyForm(t('error.key'));
      return;
    }
    document.body.dataset.state = 'error';
    status(t('error.load', error instanceof HttpError ? error.status : error.message), 'error');
  }

  function showKeyForm(error) {
    document.body.dataset.state = error ? 'key-rejected' : 'signed-out';
    $('dashboard').hidden = true;
    $('audit').hidden = true;
    $('forget').hidden = true;
    $('key-section').hidden = false;
    $('key-error').hidden = !error;
    $('key-error').textContent = error ?? '';
    $('key').focus();
  }

  function showDashboard() {
    $('key-section').hidden = true;
    $('dashboard').hidden = false;
    $('forget').hidden = false;
  }

  // --- Totals and times --------------------------------------------------------------------------------
  const inFilter = (cell, query) =>
    (!query.get('sector') || cell.sector === query.get('sector')) &&
    (!query.get('governorate') || cell.governorate === query.get('governorate'));

  function renderTotals(stats, coverage, query) {
    const filtered = query.get('sector') || query.get('governorate');
    const gaps = filtered ? coverage.cells.filter((c) => c.gap && inFilter(c, query)).length : coverage.gaps;
    const capacityGaps = filtered ? coverage.cells.filter((c) => c.capacityGap && inFilter(c, query)).length : coverage.capacityGaps;
    const totals = {
      'total-requests': stats.total,
      'total-unroutable': stats.unroutableBacklog,
      'total-needs-attention': stats.needsAttentionBacklog,
      'total-sla-breaches': stats.slaBreaches ?? 0,
      'total-gaps': gaps,
      'total-capacity-gaps': capacityGaps,
    };
    for (const [testid, value] of Object.entries(totals)) {
      const node = document.querySelector(`[data-testid="${testid}"]`);
      node.dataset.value = String(value);
      node.textContent = number(value);
    }
  }

  function renderTimes(flow) {
    fill('times-table-body', ['toRouted', 'toAccepted', 'toResolved'].map((stage) => {
      const summary = flow?.[stage] ?? {};
      return el('tr', { 'data-testid': 'time-' + stage },
        el('th', { scope: 'row' }, t('times.' + stage)),
        el('td', {}, number(summary.count ?? 0)),
        el('td', {}, duration(summary.medianSeconds)),
        el('td', {}, duration(summary.p90Seconds)));
    }));
  }

  // --- Closure and outcomes ------------------------------------------------------------------------------
  // Counts with their share (the rates are the API's: over confirmed + unconfirmed + disputed).
  function renderClosure(closure, outcomes) {
    const figures = {
      'closure-awaiting': [closure?.awaitingConfirmation ?? 0, undefined],
      'closure-confirmed': [closure?.confirmed ?? 0, closure?.confirmedRate],
      'closure-unconfirmed': [closure?.unconfirmed ?? 0, closure?.unconfirmedRate],
      'closure-disputed': [closure?.disputed ?? 0, closure?.disputedRate],
    };
    for (const [testid, [count, share]] of Object.entries(figures)) {
      const node = document.querySelector(`[data-testid="${testid}"]`);
      node.dataset.value = String(count);
      node.textContent = share === undefined || share === null ? number(count) : `${number(count)} (${rate(share)})`;
    }
    const reasons = Object.entries(outcomes?.notSuccessful ?? {});
    fill('outcomes-table-body', [
      el('tr', { 'data-testid': 'outcome-successful' }, el('th', { scope: 'row' }, texts['ngo.outcome.successful'] ?? 'successful'), el('td', {}, number(outcomes?.successful ?? 0))),
      ...reasons.map(([reason, count]) => el('tr', { 'data-testid': 'outcome-' + reason },
        el('th', { scope: 'row' }, `${texts['ngo.outcome.not-successful'] ?? 'not-successful'}: ${texts['ngo.outcome.reason.' + reason] ?? reason}`),
        el('td', {}, number(count)))),
    ]);
  }

  // --- Charts --------------------------------------------------------------------------------------------
  function chart(id, config) {
    charts[id]?.destroy();
    delete charts[id];
    const empty = !config;
    $(id).closest('.canvas').hidden = empty;
    $(id + '-empty').hidden = !empty;
    if (empty) return;
    Chart.defaults.font.family = "system-ui, 'Noto Sans Arabic', Tahoma, sans-serif";
    config.options = {
      animation: false, responsive: true, maintainAspectRatio: false, locale,
      plugins: { legend: { rtl, position: 'bottom' }, tooltip: { rtl } },
      ...config.options,
    };
    charts[id] = new Chart($(id), config);
  }

  function renderFlow(series) {
    if (series.length === 0) return chart('flow-chart', null);
    const used = STATUSES.filter((s) => series.some((d) => (d.byStatus?.[s] ?? 0) > 0));
    chart('flow-chart', {
      type: 'bar',
      data: {
        labels: series.map((d) => days.format(new Date(d.day + 'T00:00:00Z'))),
        datasets: used.map((s) => ({ label: statusName(s), data: series.map((d) => d.byStatus?.[s] ?? 0), backgroundColor: COLORS[s] })),
      },
      options: {
        scales: {
          x: { stacked: true, reverse: rtl },
          y: { stacked: true, beginAtZero: true, position: rtl ? 'right' : 'left', ticks: { precision: 0 } },
        },
      },
    });
  }

  // Requests that reached each stage, read from their current status (a request now Resolved passed
  // through Routed and Accepted), then those now Waitlisted (a capacity gap), Unroutable (a coverage gap) or Cancelled.
  function renderFunnel(stats) {
    if (!stats.total) return chart('funnel-chart', null);
    const now = (s) => stats.byStatus?.[s] ?? 0;
    const beyond = (i) => FUNNEL.slice(i).reduce((sum, s) => sum + now(s), 0) + now('Closed');
    const stages = [...FUNNEL.map((s, i) => [s, i === 0 ? stats.total : beyond(i)]), ['Waitlisted', now('Waitlisted')], ['Unroutable', now('Unroutable')], ['Cancelled', now('Cancelled')]];
    chart('funnel-chart', {
      type: 'bar',
      data: {
        labels: stages.map(([s]) => statusName(s)),
        datasets: [{ data: stages.map(([, n]) => n), backgroundColor: stages.map(([s]) => COLORS[s]) }],
      },
      options: {
        indexAxis: 'y',
        plugins: { legend: { display: false }, tooltip: { rtl } },
        scales: {
          x: { beginAtZero: true, reverse: rtl, ticks: { precision: 0 } },
          y: { position: rtl ? 'right' : 'left' },
        },
      },
    });
  }

  // --- Heat map ---------------------------------------------------------------------------------------------
  // Demand per cell from the stats' cells (only cells with requests are listed, so a missing one is
  // 0), unless the stats do not count cells yet (requests but no cells): then it is unknown (·).
  function renderHeatmap(coverage, stats, query) {
    const statsCells = stats.cells ?? [];
    const known = statsCells.length > 0 || !stats.total;
    const demand = new Map(statsCells.map((c) => [`${c.sector}/${c.governorate}`, c.total]));
    const demandOf = (key) => demand.get(key) ?? (known ? 0 : undefined);
    const cells = new Map(coverage.cells.filter((c) => inFilter(c, query)).map((c) => [`${c.sector}/${c.governorate}`, c]));
    const order = (map, codes) => [...new Set([...map.keys(), ...codes])].filter((code) => codes.has(code));
    const sectors = order(names.sectors, new Set([...cells.values()].map((c) => c.sector)));
    const governorates = order(names.governorates, new Set([...cells.values()].map((c) => c.governorate)));
    const max = Math.max(1, ...[...cells.values()].map((c) => Math.max(demand.get(`${c.sector}/${c.governorate}`) ?? 0, c.unroutable)));

    const head = el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('heatmap.sector')),
      governorates.map((g) => el('th', { scope: 'col' }, governorateName(g)))));
    const body = el('tbody', {}, sectors.map((s) => el('tr', {}, el('th', { scope: 'row' }, sectorName(s)),
      governorates.map((g) => heatCell(cells.get(`${s}/${g}`), demandOf(`${s}/${g}`), max)))));
    $('heatmap').replaceChildren(head, body);
  }

  function heatCell(cell, demand, max) {
    if (!cell) return el('td', {});
    const level = Math.ceil((4 * Math.max(demand ?? 0, cell.unroutable)) / max);
    // A coverage gap (no NGO: ⚠, red) needs another organisation; a capacity gap (NGOs all full, requests
    // waiting: ⌛, amber) needs more places. Marked apart, so neither hides the other.
    const title = `${sectorName(cell.sector)} · ${governorateName(cell.governorate)}: ` +
      `${number(demand ?? 0)} ${t('heatmap.demand')}, ${number(cell.unroutable)} ${t('heatmap.unroutable')}, ` +
      `${number(cell.waitlisted)} ${t('heatmap.waitlisted')}, ${number(cell.ngos.length)} ${t('heatmap.ngos')}` +
      (cell.gap ? ` — ${t('heatmap.gap')}` : '') + (cell.capacityGap ? ` — ${t('heatmap.capacityGap')}` : '');
    return el('td', {
      className: `heat heat-${level}${cell.gap ? ' gap' : ''}${cell.capacityGap ? ' capacity-gap' : ''}`, title,
      dataset: {
        sector: cell.sector, governorate: cell.governorate, gap: String(cell.gap), capacityGap: String(cell.capacityGap),
        unroutable: String(cell.unroutable), waitlisted: String(cell.waitlisted), demand: String(demand ?? 0),
      },
    },
    el('span', { className: demand ? 'demand' : 'demand none' }, demand === undefined ? '·' : number(demand)),
    cell.gap ? el('span', { className: 'gap-mark', 'aria-label': t('heatmap.gap') }, '⚠') : '',
    cell.capacityGap ? el('span', { className: 'capacity-gap-mark', 'aria-label': t('heatmap.capacityGap') }, '⌛') : '',
    el('small', {}, `◉ ${number(cell.ngos.length)}`,
      cell.unroutable > 0 ? el('b', {}, ` ✕ ${number(cell.unroutable)}`) : '',
      cell.waitlisted > 0 ? el('b', { className: 'waitlisted' }, ` ⌛ ${number(cell.waitlisted)}`) : ''));
  }

  // --- Map of the governorates ---------------------------------------------------------------------------------
  // Leaflet draws the governorate outlines (a file of this origin) on a plain ground: no tile layer, so
  // nothing is asked of another host. Demand is summed from the coverage cells of the chosen sector (the
  // coverage answer holds every governorate whatever the governorate filter, so the map keeps them all);
  // gaps are hatched in a pane above the shading, and the governorate shown is outlined in a third pane.
  const SHADES = ['#ffffff', '#e3f2ec', '#bfe3d3', '#8fd0b4', '#57b08c']; // as the heat map's heat-0..4
  const SVG = 'http://www.w3.org/2000/svg';
  const atlas = { view: null, shading: null, gaps: null, chosen: null, figures: new Map(), outlines: null };

  function loadOutlines() {
    atlas.outlines ??= fetch($('map').dataset.outlines, { credentials: 'omit' }).then((r) => {
      if (!r.ok) throw new HttpError(r.status);
      return r.json();
    });
    return atlas.outlines;
  }

  const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const level = (demand, max) => (demand > 0 ? Math.min(4, Math.ceil((4 * demand) / max)) : 0);

  function governorateFigures(coverage, sector) {
    const figures = new Map();
    for (const cell of coverage.cells) {
      if (sector && cell.sector !== sector) continue;
      const f = figures.get(cell.governorate) ?? { demand: 0, unroutable: 0, waitlisted: 0, gaps: 0, capacityGaps: 0 };
      f.demand += cell.demand ?? 0;
      f.unroutable += cell.unroutable ?? 0;
      f.waitlisted += cell.waitlisted ?? 0;
      if (cell.gap) f.gaps++;
      if (cell.capacityGap) f.capacityGaps++;
      figures.set(cell.governorate, f);
    }
    return figures;
  }

  function describe(code) {
    const f = atlas.figures.get(code) ?? { demand: 0, unroutable: 0, waitlisted: 0, gaps: 0, capacityGaps: 0 };
    return [t('map.figures', governorateName(code), number(f.demand), number(f.unroutable), number(f.waitlisted)),
      f.gaps ? t('map.gapSectors', number(f.gaps)) : '', f.capacityGaps ? t('map.capacitySectors', number(f.capacityGaps)) : '']
      .filter(Boolean).join(lang === 'ar' ? '؛ ' : '; ');
  }

  // Three diagonal hatchings (coverage gap red, capacity gap amber, both crossed) in the gaps pane's SVG;
  // each stripe on a white one a little wider, so it reads on any shade of demand.
  function addHatchings(svg) {
    const defs = document.createElementNS(SVG, 'defs');
    const pattern = (id, stripes) => {
      const p = document.createElementNS(SVG, 'pattern');
      for (const [name, value] of Object.entries({ id, width: 8, height: 8, patternUnits: 'userSpaceOnUse' })) p.setAttribute(name, value);
      for (const [color, angle] of stripes) {
        for (const [stroke, width] of [['#ffffff', '3.6'], [color, '2']]) {
          const line = document.createElementNS(SVG, 'path');
          line.setAttribute('d', angle > 0 ? 'M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4' : 'M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4');
          line.setAttribute('stroke', stroke);
          line.setAttribute('stroke-width', width);
          p.append(line);
        }
      }
      defs.append(p);
    };
    pattern('hatch-gap', [['#c0392b', 1]]);
    pattern('hatch-capacity', [['#9a6700', -1]]);
    pattern('hatch-both', [['#c0392b', 1], ['#9a6700', -1]]);
    svg.prepend(defs);
  }

  function createMap(outlines) {
    const view = L.map($('map'), { zoomControl: false, zoomSnap: 0.25, minZoom: 5, maxZoom: 10, attributionControl: false });
    L.control.zoom({ position: rtl ? 'topright' : 'topleft', zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(view);
    L.control.attribution({ position: rtl ? 'bottomleft' : 'bottomright', prefix: 'Leaflet' })
      .addAttribution(escapeHtml(t('map.attribution'))).addTo(view);
    view.createPane('gaps').style.zIndex = 450;
    view.createPane('chosen').style.zIndex = 460;
    // The view first: Leaflet adds no layer to a map without one, so the panes would have no SVG yet.
    const bounds = L.geoJSON(outlines).getBounds();
    view.fitBounds(bounds, { padding: [8, 8] });
    view.setMaxBounds(bounds.pad(0.5));
    atlas.shading = L.geoJSON(outlines, {
      style: { color: '#5f7470', weight: 1, fillOpacity: 1 },
      onEachFeature: (feature, layer) => {
        const code = feature.properties.pcode;
        layer.bindTooltip(() => el('span', {}, describe(code)), { sticky: true, direction: 'top' }); // a node: Leaflet would parse a string as HTML
        layer.on('click', () => choose(code));
        layer.on('add', () => {
          const path = layer.getElement();
          path.setAttribute('data-testid', 'map-governorate');
          path.setAttribute('data-governorate', code);
          path.setAttribute('tabindex', '0');
          path.setAttribute('role', 'button');
          path.addEventListener('keydown', (event) => {
            if (event.key !== 'Enter' && event.key !== ' ') return;
            event.preventDefault();
            choose(code);
          });
        });
      },
    }).addTo(view);
    atlas.gaps = L.geoJSON(outlines, { pane: 'gaps', interactive: false, style: { stroke: false, fill: false } }).addTo(view);
    atlas.chosen = L.geoJSON(outlines, { pane: 'chosen', interactive: false, style: { stroke: false, fill: false } }).addTo(view);
    addHatchings(view.getPane('gaps').querySelector('svg'));
    return view;
  }

  function choose(code) {
    const select = $('filter-governorate');
    select.value = select.value === code ? '' : code;
    load();
  }

  async function renderMap(coverage, query, mine) {
    let outlines;
    try {
      outlines = await loadOutlines();
    } catch {
      atlas.outlines = null; // asked for again at the next load
      $('map-error').hidden = false;
      return;
    }
    if (mine !== generation) return;
    $('map-error').hidden = true;
    atlas.view ??= createMap(outlines);
    atlas.view.invalidateSize();
    const chosen = query.get('governorate');
    atlas.figures = governorateFigures(coverage, query.get('sector'));
    const max = Math.max(1, ...[...atlas.figures.values()].map((f) => f.demand));

    atlas.shading.eachLayer((layer) => {
      const code = layer.feature.properties.pcode;
      const f = atlas.figures.get(code);
      const path = layer.getElement();
      layer.setStyle({ fillColor: SHADES[level(f?.demand ?? 0, max)], fillOpacity: chosen && chosen !== code ? 0.45 : 1 });
      path.dataset.demand = String(f?.demand ?? 0);
      path.dataset.gap = String(Boolean(f?.gaps));
      path.dataset.capacityGap = String(Boolean(f?.capacityGaps));
      path.setAttribute('aria-pressed', String(chosen === code));
      path.setAttribute('aria-label', describe(code));
    });
    // Outlined as the heat map's cells are: a coverage gap solid red, a capacity gap dashed amber.
    atlas.gaps.eachLayer((layer) => {
      const f = atlas.figures.get(layer.feature.properties.pcode);
      const hatch = f?.gaps ? (f.capacityGaps ? 'hatch-both' : 'hatch-gap') : f?.capacityGaps ? 'hatch-capacity' : null;
      layer.setStyle(hatch
        ? { fill: true, fillColor: `url(#${hatch})`, fillOpacity: 1, stroke: true, weight: 2.5, color: f.gaps ? '#c0392b' : '#9a6700', dashArray: f.gaps ? null : '6 4' }
        : { fill: false, stroke: false });
    });
    atlas.chosen.eachLayer((layer) => {
      layer.setStyle(layer.feature.properties.pcode === chosen ? { stroke: true, color: '#0b3d2e', weight: 4 } : { stroke: false });
    });

    $('map-selection').textContent = chosen ? t('map.showing', governorateName(chosen)) : t('map.all');
    $('map-selection').dataset.governorate = chosen ?? '';
    $('map-clear').hidden = !chosen;
    renderScale(max);
  }

  // The demand bands of the shading: level k holds ((k-1)·max/4, k·max/4], shown in whole requests.
  function renderScale(max) {
    const bands = [[0, 0, 0]];
    for (let k = 1; k <= 4; k++) {
      const low = Math.floor(((k - 1) * max) / 4) + 1;
      const high = Math.floor((k * max) / 4);
      if (low <= high) bands.push([k, low, high]);
    }
    fill('map-scale', bands.map(([k, low, high]) => el('li', {},
      el('span', { className: `swatch heat-${k}` }), low === high ? number(low) : `${number(low)}–${number(high)}`)));
  }

  // --- NGOs ---------------------------------------------------------------------------------------------------
  async function loadNgos(query, mine) {
    let answer;
    try {
      answer = await json(ministryUrl('ngos', query));
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) {
        if (mine === generation) emptyRow('ngos-table-body', t('ngos.unavailable'), 'ngos-unavailable');
        return;
      }
      throw error;
    }
    if (mine !== generation) return;
    const items = answer.ngos ?? [];
    if (items.length === 0) return emptyRow('ngos-table-body', t('ngos.empty'), 'ngos-empty');
    fill('ngos-table-body', items.map((n) => row(
      n.name?.[lang] ?? n.ngoId,
      n.active ? t('ngos.yes') : t('ngos.no'),
      number(n.capacity), number(n.openCases),
      rate(n.loadRatio),
      number(n.accepted), number(n.declined), number(n.expired),
      rate(n.acceptanceRate),
      duration(n.times?.toAccept?.medianSeconds ?? n.times?.toAccept),
      duration(n.times?.toResolve?.medianSeconds ?? n.times?.toResolve),
      n.rating?.count ? `${number(n.rating.mean)} (${number(n.rating.count)})` : '—',
      rate(n.closure?.confirmedRate), rate(n.closure?.disputedRate),
      Object.entries(n.declineReasons ?? {}).filter(([, count]) => count > 0)
        .map(([reason, count]) => `${texts['ngo.decline.' + reason] ?? reason}: ${number(count)}`).join(lang === 'ar' ? '، ' : ', '))));
  }

  // --- Backlog and audit trail --------------------------------------------------------------------------------
  async function listAll(query) {
    const items = [];
    let token = null;
    do {
      const page = new URLSearchParams(query);
      if (token) page.set('continuationToken', token);
      const answer = await json(ministryUrl('requests', page));
      items.push(...answer.items);
      token = answer.continuationToken;
    } while (token && items.length < BACKLOG_LIMIT);
    return { items: items.slice(0, BACKLOG_LIMIT), more: Boolean(token) || items.length > BACKLOG_LIMIT };
  }

  async function loadBacklog(query, mine) {
    const unroutable = new URLSearchParams(query);
    unroutable.set('status', 'Unroutable');
    const attention = new URLSearchParams(query);
    attention.set('needsAttention', 'true');
    const [a, b] = await Promise.all([listAll(unroutable), listAll(attention)]);
    if (mine !== generation) return;
    backlogTable('backlog-unroutable', a);
    backlogTable('backlog-attention', b);
  }

  function backlogTable(id, { items, more }) {
    $(id + '-more').hidden = !more;
    $(id + '-more').textContent = more ? t('backlog.more', number(BACKLOG_LIMIT)) : '';
    if (items.length === 0) return emptyRow(id + '-body', t('backlog.empty'), id + '-empty');
    fill(id + '-body', items.map((r) => row(
      el('td', {}, el('button', { type: 'button', className: 'code-link', dataset: { code: r.trackingCode }, 'data-testid': 'backlog-code' }, r.trackingCode)),
      statusName(r.status), sectorName(r.sector), governorateName(r.governorate),
      texts['dashboard.urgency.' + r.urgency] ?? r.urgency, dateTime(r.submittedAt))));
  }

  async function openTrail(code) {
    const panel = $('audit');
    $('audit-heading').textContent = t('audit.heading', code);
    $('audit-summary').textContent = t('loading');
    fill('audit-events-body', []);
    fill('audit-assignments-body', []);
    panel.hidden = false;
    panel.dataset.code = code;
    panel.dataset.state = 'loading';
    try {
      const trail = await json(ministryUrl(`requests/${encodeURIComponent(code)}/events`));
      if (panel.dataset.code !== code) return;
      $('audit-summary').textContent =
        `${statusName(trail.status)} · ${sectorName(trail.sector)} · ${governorateName(trail.governorate)}`;
      fill('audit-events-body', trail.events.map((e) => el('tr', { 'data-testid': 'audit-event' },
        el('td', {}, number(e.sequence)), el('td', {}, statusName(e.type)), el('td', {}, actorName(e.actor)),
        el('td', {}, e.ngoId ?? '—'), el('td', {}, dateTime(e.at)), el('td', {}, e.detail ?? ''))));
      if (trail.assignments.length === 0) emptyRow('audit-assignments-body', '—', 'audit-no-assignment');
      else {
        fill('audit-assignments-body', trail.assignments.map((a) => row(
          number(a.attempt), a.ngoId, a.state, dateTime(a.assignedAt), `${a.coverageLevel} ${a.matchedPCode}`, a.declineReason ?? '—')));
      }
      panel.dataset.state = 'ready';
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) $('audit-summary').textContent = t('audit.notFound');
      else if (error instanceof KeyRejected) failed(error);
      else $('audit-summary').textContent = t('error.load', error.status ?? error.message);
    }
    $('audit-heading').focus();
  }

  // --- Downloads ----------------------------------------------------------------------------------------------
  async function download(file) {
    try {
      const response = await call(ministryUrl('exports/' + file, filters()), 'text/csv');
      const blob = await response.blob();
      const disposition = response.headers.get('Content-Disposition') ?? '';
      const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? file;
      const url = URL.createObjectURL(blob);
      const link = el('a', { href: url, download: decodeURIComponent(name) });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (error) {
      if (error instanceof KeyRejected) return failed(error);
      const why = error instanceof HttpError && error.status === 404 ? t('exports.unavailable')
        : error.title ? `${t('exports.failed', error.status)} ${error.title}` : t('exports.failed', error.status ?? error.message);
      status(why, 'error');
    }
  }

  // --- Wiring -------------------------------------------------------------------------------------------------
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('key').value.trim();
    $('key').value = '';
    if (!value) return;
    sessionStorage.setItem(KEY, value);
    $('key-error').hidden = true;
    load();
  });
  $('forget').addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    generation++;
    showKeyForm(null);
  });
  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  $('backlog-section').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-code]');
    if (button) openTrail(button.dataset.code);
  });
  $('map-clear').addEventListener('click', () => {
    $('filter-governorate').value = '';
    load();
  });
  $('audit-close').addEventListener('click', () => {
    $('audit').hidden = true;
    delete $('audit').dataset.code;
  });
  $('exports-section').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-export]');
    if (button) download(button.dataset.export);
  });

  loadNames()
    .catch(() => { /* Codes are shown instead of names. */ })
    .then(() => (key() ? load() : showKeyForm(null)));
})();

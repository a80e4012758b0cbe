/**
 * The page's inline script, an enhancement only: the filters apply as you type (the server applies the
 * same ones to `?state=&q=`, see `matchesQuery`), sort links load in place, and every `data-refresh`
 * seconds the page fetches itself with the current query and swaps `#content`, so times and rows stay
 * server-rendered. The URL always holds the filter state, so a reload keeps it.
 */
export const clientScript = `
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var content = document.getElementById('content');
  var status = document.getElementById('refresh-status');
  var refresh = Number(document.body.getAttribute('data-refresh')) || 0;
  var submit = form.querySelector('button[type=submit]');
  if (submit) submit.hidden = true;

  function currentUrl() {
    var url = new URL(location.href);
    var state = form.elements.state.value;
    var q = form.elements.q.value.trim();
    if (state && state !== 'all') url.searchParams.set('state', state); else url.searchParams.delete('state');
    if (q) url.searchParams.set('q', q); else url.searchParams.delete('q');
    return url;
  }

  function matches(row, state, q) {
    if (state === 'failing' ? row.getAttribute('data-failing') !== '1' : state !== 'all' && row.getAttribute('data-state') !== state) return false;
    return !q || row.getAttribute('data-code').indexOf(q) !== -1 || row.getAttribute('data-name').indexOf(q) !== -1;
  }

  function applyFilters() {
    var state = form.elements.state.value || 'all';
    var q = form.elements.q.value.trim().toLowerCase();
    content.querySelectorAll('table.processes').forEach(function (table) {
      var shown = 0;
      table.querySelectorAll('tr.process').forEach(function (row) {
        var ok = matches(row, state, q);
        row.hidden = !ok;
        if (ok) shown++;
      });
      var empty = table.querySelector('tr.empty');
      if (empty) empty.hidden = shown > 0;
    });
  }

  function onFilter() {
    applyFilters();
    history.replaceState(null, '', currentUrl());
  }
  form.addEventListener('input', onFilter);
  form.addEventListener('change', onFilter);
  form.addEventListener('submit', function (event) { event.preventDefault(); onFilter(); });

  var loading = false;
  function load(url, push) {
    if (loading) return Promise.resolve();
    loading = true;
    return fetch(url, { headers: { accept: 'text/html' }, cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.text();
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html');
        var fresh = next.getElementById('content');
        if (!fresh) throw new Error('unexpected page');
        content.innerHTML = fresh.innerHTML;
        document.title = next.title;
        if (push) history.pushState(null, '', url);
        applyFilters();
        status.textContent = 'Updated ' + new Date().toLocaleTimeString() + (refresh > 0 ? ', every ' + refresh + ' s' : '');
        status.classList.remove('error');
      })
      .catch(function (err) {
        status.textContent = 'Refresh failed (' + err.message + '): the data below may be old';
        status.classList.add('error');
      })
      .then(function () { loading = false; });
  }

  content.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-sort]');
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    var url = currentUrl();
    var sort = link.getAttribute('data-sort');
    var dir = link.getAttribute('data-dir');
    if (sort === 'default') url.searchParams.delete('sort'); else url.searchParams.set('sort', sort);
    if (dir === 'asc') url.searchParams.delete('dir'); else url.searchParams.set('dir', dir);
    load(url, true);
  });
  window.addEventListener('popstate', function () { location.reload(); });

  if (refresh > 0) {
    status.textContent = 'Refreshes every ' + refresh + ' s';
    setInterval(function () { if (!document.hidden) load(currentUrl(), false); }, refresh * 1000);
  }
})();
`;

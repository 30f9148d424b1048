/* sitegen progressive enhancement: basket, search, share, offline. Pages work fully without it. */
(function () {
  "use strict";
  var body = document.body, lang = document.documentElement.lang;
  var root = new URL(body.getAttribute("data-root") || "./", location.href);
  var KEY = "sitegen-basket:" + root.pathname;

  function $(sel, el) { return (el || document).querySelector(sel); }
  function $$(sel, el) { return Array.prototype.slice.call((el || document).querySelectorAll(sel)); }
  function price(n) {
    return "Rp" + String(n).replace(/\B(?=(\d{3})+(?!\d))/g, lang === "en" ? "," : ".");
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  /* Basket: items kept in localStorage, one WhatsApp message per seller. */
  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  function save(items) {
    try { localStorage.setItem(KEY, JSON.stringify(items)); } catch (e) { /* private mode: basket lasts this page */ }
    showCount(items);
  }
  function showCount(items) {
    var n = items.reduce(function (s, i) { return s + (i.gone ? 0 : i.qty); }, 0);
    $$(".basket-link").forEach(function (a) { a.hidden = false; });
    $$("[data-count]").forEach(function (c) { c.textContent = n ? "(" + n + ")" : ""; });
  }
  function add(item) {
    var items = load(), found = items.filter(function (i) { return i.id === item.id; })[0];
    /* Added again from its page: the page's price and seller are the current ones. */
    if (found) Object.assign(found, { seller: "" }, item, { qty: found.qty + 1, gone: false }); else items.push(Object.assign({ qty: 1 }, item));
    save(items);
  }
  function message(box, seller) {
    var lines = [fill(box.dataset.intro, { group: seller.group })], total = 0;
    seller.items.filter(function (i) { return !i.gone; }).forEach(function (i) {
      total += i.price * i.qty;
      lines.push("- " + i.name + (i.variant ? " (" + i.variant + ")" : "") + " × " + i.qty + " = " + price(i.price * i.qty));
    });
    lines.push(box.dataset.total + ": " + price(total));
    return { text: lines.join("\n"), total: total };
  }
  function sellers(items) {
    var by = {};
    items.forEach(function (i) { (by[i.wa] = by[i.wa] || { group: i.group, seller: i.seller || i.group, wa: i.wa, items: [] }).items.push(i); });
    return Object.keys(by).sort().map(function (k) { return by[k]; });
  }
  function change(id, delta) {
    save(load().map(function (i) {
      if (i.id === id) i.qty = delta ? i.qty + delta : 0;
      return i;
    }).filter(function (i) { return i.qty > 0; }));
    renderBasket();
  }
  /* Once a visit, items are checked against what is for sale now. */
  var was = {};  /* id → price before this check */
  function refresh() {
    fetch(new URL("keranjang/harga.json", root), { cache: "no-cache" })
      .then(function (r) { if (!r.ok) throw r; return r.json(); })
      .then(function (offers) {
        save(load().map(function (i) {
          var now = offers[i.id];
          i.gone = !now;
          if (now && now[0] !== i.price) was[i.id] = i.price;
          if (now) { i.price = now[0]; i.wa = now[1]; i.group = now[2]; i.seller = now[3] || ""; }
          return i;
        }));
        renderBasket();
      }).catch(function () {});
  }
  function itemRow(box, i) {
    var li = el("li", { "class": "line" });
    var a = el("a", { href: new URL(i.path, root).href }, i.name + (i.variant ? " (" + i.variant + ")" : ""));
    if (i.gone) {
      [a, note(box.dataset.gone), del(box, i)].forEach(function (n) { li.appendChild(n); });
      return li;
    }
    var q = el("span", { "class": "qty", "aria-label": box.dataset.qty }, String(i.qty));
    var minus = el("button", { type: "button", "aria-label": box.dataset.less + " " + i.name }, "−");
    var plus = el("button", { type: "button", "aria-label": box.dataset.more + " " + i.name }, "+");
    minus.onclick = function () { change(i.id, -1); };
    plus.onclick = function () { change(i.id, 1); };
    var parts = [a, el("span", {}, price(i.price) + " × "), minus, q, plus, el("strong", {}, price(i.price * i.qty)), del(box, i)];
    if (i.id in was) parts.splice(1, 0, note(fill(box.dataset.changed, { price: price(was[i.id]) })));
    parts.forEach(function (n) { li.appendChild(n); });
    return li;
  }
  function note(text) {
    return el("small", { style: "flex:1 1 100%" }, text);
  }
  function del(box, i) {
    var button = el("button", { type: "button", "class": "link" }, box.dataset.remove);
    button.onclick = function () { change(i.id, 0); };
    return button;
  }
  function renderBasket() {
    var box = $("#basket");
    if (!box) return;
    var items = load();
    box.textContent = "";
    if (!items.length) { box.appendChild(el("p", {}, box.dataset.empty)); return; }
    sellers(items).forEach(function (s) {
      var section = el("section", { "class": "seller" }), list = el("ul", { "class": "lines" }), m = message(box, s);
      section.appendChild(el("h2", {}, s.seller));
      s.items.forEach(function (i) { list.appendChild(itemRow(box, i)); });
      section.appendChild(list);
      if (s.items.every(function (i) { return i.gone; })) { box.appendChild(section); return; }
      section.appendChild(el("p", { "class": "total" }, box.dataset.total + ": " + price(m.total)));
      section.appendChild(el("a", { "class": "wa", href: "https://wa.me/" + s.wa + "?text=" + encodeURIComponent(m.text) },
        fill(box.dataset.send, { group: s.seller })));
      box.appendChild(section);
    });
  }
  $$("button.add").forEach(function (b) {
    b.hidden = false;
    b.onclick = function () {
      add(JSON.parse(b.getAttribute("data-item")));
      b.textContent = b.getAttribute("data-added");
    };
  });

  /* Search: the index is fetched only when the shopper starts searching. */
  var index = null, input = $("#q"), results = $("#search-results");
  function fold(s) { return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
  function search(q) {
    var words = fold(q).split(/\s+/).filter(Boolean), status = $("#search-status");
    var hits = !words.length ? [] : index.filter(function (p) {  /* an emptied box: no list, no count */
      var hay = fold([p.n, p.g, p.v, p.c, p.t].join(" "));
      return words.every(function (w) { return hay.indexOf(w) >= 0; });
    });
    results.textContent = "";
    hits.forEach(function (p) {
      var li = el("li");
      li.appendChild(el("a", { href: new URL(p.p, root).href }, p.n));
      li.appendChild(el("span", {}, (p.m ? fill(status.dataset.from, { price: price(p.r) }) : price(p.r)) + " · " + p.g));
      results.appendChild(li);
    });
    status.textContent = words.length ? (hits.length ? found(status, hits.length) : status.dataset.none) : "";
  }
  /* "1 product found", "2 products found": the form CLDR's rules give for n in the page's language
     (a site theme's search.html from before plural forms has one text, in data-found). */
  function found(status, n) {
    var forms = status.dataset.foundForms ? JSON.parse(status.dataset.foundForms) : { other: status.dataset.found };
    var form = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang).select(n) : n === 1 ? "one" : "other";
    return fill(forms[form] || forms.other, { count: n });
  }
  function withIndex(then) {
    if (index) return then();
    fetch(new URL("search.json", root)).then(function (r) { return r.json(); })
      .then(function (data) { index = data; then(); }).catch(function () {});
  }
  if (input && results) {
    var q = new URLSearchParams(location.search).get("q") || "";
    input.value = q;
    input.addEventListener("input", function () { withIndex(function () { search(input.value); }); });
    input.form.addEventListener("submit", function (e) { e.preventDefault(); withIndex(function () { search(input.value); }); });
    if (q) withIndex(function () { search(q); });
  }

  /* Share: the phone's share sheet where the browser has one; the WhatsApp link otherwise. */
  $$("[data-share]").forEach(function (a) {
    if (!navigator.share) return;
    a.addEventListener("click", function (e) {
      e.preventDefault();
      navigator.share({ title: document.title, url: a.getAttribute("data-share") }).catch(function () {});
    });
  });

  showCount(load());
  renderBasket();
  if ($("#basket") && load().length) refresh();
  var local = location.hostname === "127.0.0.1" || location.hostname === "localhost";
  if (navigator.serviceWorker && (location.protocol === "https:" || local)) {
    navigator.serviceWorker.register(new URL("sw.js", root).href).catch(function () {});
  }
})();

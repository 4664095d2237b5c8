// @ts-check
/**
 * The enhancements of the public pages (docs/decisions/031-light-public-pages.md). Public pages are
 * server-rendered HTML without React in the browser; this one small script adds, on top of HTML that
 * works completely without it:
 * - a search box that narrows a long settlement list ([data-settlement-filter]);
 * - a size check of chosen files as soon as they are chosen (input[type=file][data-max-file-bytes]),
 *   so a person on a slow link learns before sending megabytes that the server would refuse.
 * Every text it shows comes from the page (data attributes rendered from the locale catalogs).
 * It is served as written (plain modern JavaScript, no build step), so keep it small.
 */
(function () {
  var CYRILLIC = "абвгдђежзијклљмнњопрстћуфхцчџш";
  // The Latin spelling of each letter of CYRILLIC, in the same order.
  var LATIN = "a b v g d đ e ž z i j k l lj m n nj o p r s t ć u f h c č dž š".split(" ");

  /** Lower case, Latin script, no diacritics: the same folding the server applies to the names. */
  function fold(text) {
    var lower = text.toLowerCase();
    var out = "";
    for (var i = 0; i < lower.length; i++) {
      var at = CYRILLIC.indexOf(lower[i]);
      out += at === -1 ? lower[i] : LATIN[at];
    }
    return out
      .normalize("NFD")
      .replace(/\p{Mn}/gu, "")
      .replace(/đ/g, "d")
      .trim();
  }

  function settlementFilter(box) {
    var select = box.querySelector("select");
    if (!select) return;
    var all = Array.prototype.slice.call(select.options, 1);
    var wrapper = document.createElement("div");
    wrapper.className = "mb-2";
    var label = document.createElement("label");
    var input = document.createElement("input");
    var status = document.createElement("p");
    input.id = select.id + "-filter";
    input.type = "search";
    input.autocomplete = "off";
    input.className = "mt-1 block w-full max-w-sm rounded border border-slate-500 bg-white px-3 py-2 text-base";
    label.htmlFor = input.id;
    label.className = "block text-sm";
    label.textContent = box.dataset.filterLabel || "";
    status.className = "mt-1 text-sm text-slate-700";
    status.setAttribute("aria-live", "polite");
    wrapper.append(label, input, status);
    box.insertBefore(wrapper, box.firstChild);
    input.addEventListener("input", function () {
      var needle = fold(input.value);
      var chosen = select.value;
      var shown = all.filter(function (option) {
        return !needle || option.value === chosen || (option.dataset.fold || fold(option.text)).indexOf(needle) !== -1;
      });
      select.replaceChildren(select.options[0], ...shown);
      select.value = chosen;
      status.textContent = needle ? (box.dataset.shownTemplate || "").replace("{shown}", String(shown.length)) : "";
    });
  }

  function fileSizeCheck(input) {
    var maxFile = Number(input.dataset.maxFileBytes);
    var maxTotal = Number(input.dataset.maxTotalBytes);
    var maxFiles = Number(input.dataset.maxFiles);
    var message = document.createElement("p");
    message.className = "mt-1 text-sm font-semibold text-red-800";
    message.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", message);
    input.addEventListener("change", function () {
      var files = Array.prototype.slice.call(input.files || []);
      var total = 0;
      var text = "";
      files.forEach(function (file) {
        total += file.size;
        if (!text && file.size > maxFile) text = (input.dataset.tooLarge || "").replace("{file}", file.name);
      });
      if (!text && maxFiles && files.length > maxFiles) text = input.dataset.tooMany || "";
      if (!text && total > maxTotal) text = input.dataset.totalTooLarge || "";
      message.textContent = text;
    });
  }

  document.querySelectorAll("[data-settlement-filter]").forEach(settlementFilter);
  document.querySelectorAll("input[type=file][data-max-file-bytes]").forEach(fileSizeCheck);
  document.documentElement.dataset.enhanced = "true";
})();

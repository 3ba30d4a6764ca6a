() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const n = walker.currentNode;
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    const range = document.createRange(); range.selectNodeContents(n);
    const rect = range.getBoundingClientRect();
    if (rect.width < 2 || rect.height < 2) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    const svg = el.closest('svg');
    if (svg) { const m = el.getScreenCTM(); size *= Math.hypot(m.a, m.b); }
    if (size < 16) small.push([el.tagName + '.' + el.className, n.textContent.trim().slice(0, 16), Math.round(size * 10) / 10]);
  }
  return small;
}

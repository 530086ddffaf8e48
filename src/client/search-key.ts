/** "/" jumps to the search field from anywhere except a field being typed in. */
export function startSearchKey(): void {
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const field = document.getElementById('search-q') || document.getElementById('site-search-q');
    if (!field) return;
    event.preventDefault();
    field.focus();
  });
}

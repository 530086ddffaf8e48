import { CALCULATOR_FIELDS, calculate, costYaml, type CalculatorInput } from '../domain/calculator.ts';

/*
 * The cost calculator: recomputes as you type with figures.ts `cost()` (through calculator.ts),
 * and keeps the `cost:` block to paste up to date. Everything stays in the browser.
 */
export function startCostCalculator(): void {
  const form = document.querySelector<HTMLFormElement>('[data-cost-calculator]');
  if (!form) return;
  const defaultRate = Number(form.dataset.defaultRate);
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: form.dataset.currency, minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'negative' });
  const show = (name: string, text: string) => {
    const output = document.querySelector<HTMLOutputElement>(`output[name="${name}"]`);
    if (output && output.value !== text) output.value = text;
  };
  const yaml = document.querySelector<HTMLElement>('[data-cost-yaml]')!;
  const impact = document.querySelector<HTMLElement>('[data-impact-yaml]')!;

  const read = (): CalculatorInput => {
    const input: CalculatorInput = {};
    for (const name of CALCULATOR_FIELDS) {
      const field = form.elements.namedItem(name) as HTMLInputElement | null;
      if (!field) continue;
      // A value the field rejects (below its min, above its max) is marked and left out, as empty.
      const valid = field.value.trim() !== '' && field.checkValidity() && Number.isFinite(field.valueAsNumber);
      field.setAttribute('aria-invalid', String(field.value.trim() !== '' && !valid));
      if (valid) input[name] = field.valueAsNumber;
    }
    return input;
  };

  const update = () => {
    const input = read();
    const figures = calculate(input, defaultRate);
    // Every input of the calculator is a number (an empty field is 0), so no part is unknown.
    show('direct', money.format(figures.direct ?? 0));
    show('indirect', money.format(figures.indirect ?? 0));
    show('total', money.format(figures.total ?? 0));
    show('perMinute', figures.perMinute === null ? '— (no duration)' : money.format(figures.perMinute));
    yaml.textContent = costYaml(input, defaultRate);
    impact.textContent = `revenueLost: ${input.revenueLost ?? 0}, usersAffected: ${input.usersAffected ?? 0}`;
  };

  form.addEventListener('input', update);
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('reset', () => setTimeout(update));
  update();

  const copy = document.querySelector<HTMLButtonElement>('[data-copy]')!;
  const status = document.querySelector<HTMLElement>('[data-copy-status]')!;
  copy.hidden = false;
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(yaml.textContent ?? '');
      status.textContent = 'Copied the cost block.';
    } catch {
      // No clipboard (an insecure origin, or permission refused): select the text to copy by hand.
      const range = document.createRange();
      range.selectNodeContents(yaml);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      status.textContent = 'Could not copy: the block is selected, copy it with Ctrl+C or ⌘C.';
    }
  });
}

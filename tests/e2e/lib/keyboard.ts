import type { Page } from 'playwright-core';

/** The element that has focus, and whether a sighted keyboard user can see that it has. */
export interface Focused {
  description: string;
  href: string | null;
  /** `:focus-visible` matches and it draws an outline or a box-shadow. */
  visible: boolean;
}

export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { description: 'body', href: null, visible: false };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return {
      description: `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}> "${text}"`,
      href: element.getAttribute('href'),
      visible: element.matches(':focus-visible') && (outline || shadow),
    };
  });
}

/**
 * Presses Tab until a link whose href matches has focus; returns every element focused on the
 * way that showed no focus indicator. Throws when the link cannot be reached by Tab.
 */
export async function tabTo(page: Page, href: RegExp, limit = 300): Promise<string[]> {
  const invisible: string[] = [];
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (!now.visible) invisible.push(now.description);
    if (now.href !== null && href.test(now.href)) return invisible;
  }
  throw new Error(`no link to ${href} within ${limit} Tab presses on ${page.url()}`);
}

/**
 * Mermaid is large (hundreds of KB), so it is imported only when a diagram is about to be on
 * screen, and only once. Diagrams follow the editor theme.
 */
import { isDarkTheme } from './chart/theme';

/** The part of mermaid's API we use (typed here: mermaid is an ES module, this package is CommonJS). */
interface Mermaid {
  initialize(config: Record<string, unknown>): void;
  render(id: string, source: string): Promise<{ svg: string }>;
}

let loading: Promise<Mermaid> | undefined;
let counter = 0;

function loadMermaid(): Promise<Mermaid> {
  loading ??= import('mermaid').then((module) => {
    const m = module as unknown as { default: Mermaid };
    m.default.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: isDarkTheme() ? 'dark' : 'default',
      fontFamily: 'var(--vscode-font-family)',
    });
    return m.default;
  });
  return loading;
}

/** Renders `source` into `target` once `target` scrolls into view. */
export function renderMermaidWhenVisible(target: HTMLElement, source: string, onError: (message: string) => void): void {
  const render = async (): Promise<void> => {
    try {
      const mermaid = await loadMermaid();
      const { svg } = await mermaid.render(`ddia-mermaid-${++counter}`, source);
      target.innerHTML = svg;
      target.dataset['rendered'] = 'true';
    } catch (err) {
      onError(err instanceof Error ? err.message : String(err));
    }
  };
  if (typeof IntersectionObserver === 'undefined') {
    void render();
    return;
  }
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      observer.disconnect();
      void render();
    }
  });
  observer.observe(target);
}

/** `init({ fonts })`: web fonts must be declared in the document (a shadow root's @font-face is ignored). */
import { isRecord } from "./dom";

const installed = new Set<string>();

function cssString(value: string): string {
  return `"${value.replace(/["\\\n]/g, "")}"`;
}

export function installFonts(fonts: unknown): void {
  if (!Array.isArray(fonts) || typeof document === "undefined") return;
  for (const font of fonts) {
    if (!isRecord(font)) continue;
    if (typeof font.cssSrc === "string") {
      if (installed.has(font.cssSrc)) continue;
      installed.add(font.cssSrc);
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = font.cssSrc;
      document.head.appendChild(link);
      continue;
    }
    if (typeof font.family !== "string" || typeof font.src !== "string") continue;
    const key = `${font.family}|${font.src}|${String(font.weight ?? "")}|${String(font.style ?? "")}`;
    if (installed.has(key)) continue;
    installed.add(key);
    const rules = [
      `font-family: ${cssString(font.family)};`,
      // `src` is given as CSS (`url(...) format(...)`); refuse anything that could close the rule.
      /[{};<>]/.test(font.src) ? "" : `src: ${font.src};`,
      typeof font.weight === "string" && /^[\w\s]+$/.test(font.weight) ? `font-weight: ${font.weight};` : "",
      typeof font.style === "string" && /^(normal|italic|oblique)$/.test(font.style)
        ? `font-style: ${font.style};`
        : "",
      typeof font.display === "string" && /^\w+$/.test(font.display) ? `font-display: ${font.display};` : "",
      typeof font.unicodeRange === "string" && /^[\w\s+,?-]+$/.test(font.unicodeRange)
        ? `unicode-range: ${font.unicodeRange};`
        : "",
    ].join(" ");
    const style = document.createElement("style");
    style.dataset.porticoSandboxFont = font.family;
    style.textContent = `@font-face { ${rules} }`;
    document.head.appendChild(style);
  }
}

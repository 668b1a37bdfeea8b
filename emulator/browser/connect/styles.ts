/** Shadow-root stylesheet: appearance variables → CSS custom properties, then a Stripe-like component style. */
import type { Appearance } from "./types";

const DEFAULTS: Record<string, string> = {
  colorPrimary: "#635bff",
  colorBackground: "#ffffff",
  colorText: "#30313d",
  colorSecondaryText: "#596171",
  colorDanger: "#c0123c",
  colorBorder: "#d8dee4",
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Ubuntu, "Inter", Arial, sans-serif',
  fontSizeBase: "14px",
  spacingUnit: "8px",
  borderRadius: "8px",
  overlayBackdropColor: "rgba(20, 24, 38, 0.45)",
  overlayZIndex: "1000",
};

const MAP: ReadonlyArray<[string, string, string?]> = [
  ["colorPrimary", "--pc-primary"],
  ["colorBackground", "--pc-bg"],
  ["colorText", "--pc-text"],
  ["colorSecondaryText", "--pc-text2"],
  ["colorDanger", "--pc-danger"],
  ["colorBorder", "--pc-border"],
  ["fontFamily", "--pc-font"],
  ["fontSizeBase", "--pc-fs"],
  ["spacingUnit", "--pc-sp"],
  ["borderRadius", "--pc-radius"],
  ["overlayBackdropColor", "--pc-backdrop"],
  ["overlayZIndex", "--pc-z"],
  ["buttonPrimaryColorBackground", "--pc-btn-bg", "var(--pc-primary)"],
  ["buttonPrimaryColorText", "--pc-btn-text", "#ffffff"],
  ["buttonPrimaryColorBorder", "--pc-btn-border", "var(--pc-btn-bg)"],
  ["buttonSecondaryColorBackground", "--pc-btn2-bg", "var(--pc-bg)"],
  ["buttonSecondaryColorText", "--pc-btn2-text", "var(--pc-text)"],
  ["buttonSecondaryColorBorder", "--pc-btn2-border", "var(--pc-border)"],
  ["offsetBackgroundColor", "--pc-offset", "color-mix(in srgb, var(--pc-text) 3%, var(--pc-bg))"],
  ["formBackgroundColor", "--pc-form-bg", "var(--pc-bg)"],
  ["formHighlightColorBorder", "--pc-focus", "var(--pc-primary)"],
  ["overlayBorderRadius", "--pc-overlay-radius", "calc(var(--pc-radius) * 1.5)"],
];

/** Rejects values that could break out of a declaration. */
function safe(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string" || value.trim() === "") return undefined;
  return /[;{}<>]/.test(value) ? undefined : value;
}

export function variablesCss(appearance: Appearance | undefined): string {
  const vars = appearance?.variables ?? {};
  const lines: string[] = [];
  for (const [name, prop, fallback] of MAP) {
    const value = safe(vars[name]) ?? DEFAULTS[name] ?? fallback;
    if (value !== undefined) lines.push(`${prop}: ${value};`);
  }
  return `:host { ${lines.join(" ")} }`;
}

export const BASE_CSS = `
:host { display: block; color: var(--pc-text); font-family: var(--pc-font); font-size: var(--pc-fs);
  line-height: 1.45; -webkit-font-smoothing: antialiased; }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.frame { position: relative; background: var(--pc-bg); color: var(--pc-text); }
.frame.bare { background: transparent; }
.marker-row { display: flex; justify-content: flex-end; margin-bottom: 4px; }
.frame.bare .marker-row { margin-bottom: 2px; }
.marker { font-size: 10px; font-weight: 600; letter-spacing: .04em;
  text-transform: uppercase; color: #6b3f00; background: #fff1cc; border: 1px solid #f5d48a; border-radius: 999px;
  padding: 1px 7px; pointer-events: none; }
.stack { display: flex; flex-direction: column; gap: calc(var(--pc-sp) * 2); }
.row { display: flex; align-items: center; gap: var(--pc-sp); flex-wrap: wrap; }
.spacer { flex: 1; }
h2, h3, h4 { margin: 0; font-weight: 600; color: var(--pc-text); }
h2 { font-size: 1.43em; } h3 { font-size: 1.15em; } h4 { font-size: 1em; }
.promo-title { font-size: 1.15em; }
p { margin: 0; }
.muted { color: var(--pc-text2); }
.small { font-size: .86em; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
.amount-lg { font-size: 2em; font-weight: 600; letter-spacing: -.01em; }
.card { border: 1px solid var(--pc-border); border-radius: var(--pc-radius); padding: calc(var(--pc-sp) * 2);
  background: var(--pc-bg); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: calc(var(--pc-sp) * 1.5); }
.stat-label { color: var(--pc-text2); font-size: .86em; font-weight: 500; }
.stat-value { font-size: 1.5em; font-weight: 600; margin-top: 2px; }
.chart { display: flex; align-items: flex-end; gap: 3px; height: 140px; padding-top: var(--pc-sp);
  border-bottom: 1px solid var(--pc-border); }
.chart .bar { flex: 1 1 0; min-height: 1px; border-radius: 3px 3px 0 0; background: var(--pc-primary); }
.chart .bar.negative { background: var(--pc-danger); }
.section-head { display: flex; align-items: center; gap: var(--pc-sp); justify-content: space-between; min-height: 32px; }
button { font: inherit; cursor: pointer; }
.btn { display: inline-flex; align-items: center; justify-content: center; gap: 6px; min-height: 32px;
  padding: 6px 12px; border-radius: calc(var(--pc-radius) * .75); border: 1px solid var(--pc-btn2-border);
  background: var(--pc-btn2-bg); color: var(--pc-btn2-text); font-weight: 500;
  box-shadow: 0 1px 1px rgba(0,0,0,.04); transition: background .12s, box-shadow .12s; }
.btn:hover { background: var(--pc-offset); }
.btn.primary { background: var(--pc-btn-bg); color: var(--pc-btn-text); border-color: var(--pc-btn-border); }
.btn.primary:hover { filter: brightness(.94); }
.btn.danger { color: var(--pc-danger); }
.btn:disabled { opacity: .55; cursor: not-allowed; }
.btn:focus-visible, .link:focus-visible, .chip:focus-visible, tr.clickable:focus-visible, input:focus-visible,
select:focus-visible, textarea:focus-visible, .icon-btn:focus-visible, .dialog:focus-visible {
  outline: 2px solid var(--pc-focus); outline-offset: 2px; }
.link { background: none; border: 0; padding: 0; color: var(--pc-primary); font-weight: 600; text-align: left; }
.link:hover { text-decoration: underline; }
.icon-btn { background: none; border: 0; border-radius: 6px; width: 32px; height: 32px; color: var(--pc-text2);
  font-size: 20px; line-height: 1; }
.icon-btn:hover { background: var(--pc-offset); color: var(--pc-text); }
.chips { display: flex; gap: 6px; flex-wrap: wrap; }
.chip { border: 1px solid var(--pc-border); background: var(--pc-bg); color: var(--pc-text); border-radius: 999px;
  padding: 3px 12px; font-size: .93em; }
.chip[aria-pressed="true"] { border-color: var(--pc-primary);
  background: color-mix(in srgb, var(--pc-primary) 10%, var(--pc-bg)); color: var(--pc-text); font-weight: 600; }
.pills { list-style: none; margin: 0; padding: 0; align-items: center; }
.pill { display: inline-flex; align-items: center; gap: 2px; padding: 0 0 0 12px; border-style: dashed; }
.pill .icon-btn { width: 26px; height: 26px; font-size: 16px; }
.filters > summary { cursor: pointer; color: var(--pc-primary); font-weight: 500; width: max-content; max-width: 100%; }
.filters > form { margin-top: 10px; }
.pager { justify-content: space-between; }
.dialog-head h2:focus:not(:focus-visible) { outline: none; }
.table-wrap { border: 1px solid var(--pc-border); border-radius: var(--pc-radius); overflow: auto; }
table { width: 100%; border-collapse: collapse; }
th { text-align: left; font-weight: 600; font-size: .86em; color: var(--pc-text2); padding: 8px 12px;
  background: var(--pc-offset); border-bottom: 1px solid var(--pc-border); white-space: nowrap; }
td { padding: 10px 12px; border-bottom: 1px solid var(--pc-border); vertical-align: middle; }
tr:last-child td { border-bottom: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.clickable { cursor: pointer; }
tr.clickable:hover td { background: var(--pc-offset); }
.amount-cell { display: flex; align-items: center; gap: 8px; white-space: nowrap; }
.amount-cell strong { font-weight: 600; font-variant-numeric: tabular-nums; }
.cur { color: var(--pc-text2); font-size: .86em; text-transform: uppercase; }
.badge { display: inline-flex; align-items: center; gap: 4px; padding: 1px 7px; border-radius: 6px; font-size: .8em;
  font-weight: 600; border: 1px solid transparent; white-space: nowrap; }
.badge.success { background: #d7f7c2; color: #05570b; border-color: #a6eb84; }
.badge.warning { background: #fcedb9; color: #8a2a00; border-color: #f9d67a; }
.badge.danger { background: #ffe7f2; color: #a3082f; border-color: #ffccdf; }
.badge.neutral { background: #ebeef1; color: #414552; border-color: #d5dbe1; }
.badge.info { background: #e2e9fe; color: #2a3c98; border-color: #c7d3fd; }
.pm { display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; }
.brand { display: inline-block; min-width: 30px; padding: 0 4px; border: 1px solid var(--pc-border); border-radius: 4px;
  font-size: 9px; font-weight: 700; text-transform: uppercase; text-align: center; line-height: 16px;
  color: var(--pc-text); background: var(--pc-bg); }
dl.summary { display: grid; grid-template-columns: minmax(120px, 34%) 1fr; gap: 8px 16px; margin: 0; }
dl.summary dt { color: var(--pc-text2); }
dl.summary dd { margin: 0; overflow-wrap: anywhere; }
.panel { border: 1px solid var(--pc-border); border-radius: var(--pc-radius); padding: calc(var(--pc-sp) * 3);
  text-align: center; display: flex; flex-direction: column; align-items: center; gap: var(--pc-sp); }
.panel.error { border-color: color-mix(in srgb, var(--pc-danger) 40%, var(--pc-border)); }
.panel .icon { width: 36px; height: 36px; border-radius: 50%; display: grid; place-items: center; font-weight: 700;
  background: var(--pc-offset); color: var(--pc-text2); }
.panel.error .icon { background: color-mix(in srgb, var(--pc-danger) 12%, var(--pc-bg)); color: var(--pc-danger); }
.error-text { color: var(--pc-danger); }
.notice { border-radius: calc(var(--pc-radius) * .75); padding: 8px 12px; background: #d7f7c2; color: #05570b; }
.notice.error { background: color-mix(in srgb, var(--pc-danger) 10%, var(--pc-bg)); color: var(--pc-danger); }
.skeleton { display: flex; flex-direction: column; gap: 10px; padding: 4px 0; }
.skeleton span { display: block; height: 14px; border-radius: 6px;
  background: linear-gradient(90deg, var(--pc-offset), color-mix(in srgb, var(--pc-text) 8%, var(--pc-bg)), var(--pc-offset));
  background-size: 200% 100%; animation: shimmer 1.2s infinite; }
.skeleton span:nth-child(2) { width: 80%; } .skeleton span:nth-child(3) { width: 60%; }
@keyframes shimmer { from { background-position: 200% 0; } to { background-position: -200% 0; } }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
form, .form { display: flex; flex-direction: column; gap: calc(var(--pc-sp) * 1.5); }
.field { display: flex; flex-direction: column; gap: 4px; }
.field label, .field .label { font-weight: 500; font-size: .93em; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: calc(var(--pc-sp) * 1.5); }
.grid2 > .span2 { grid-column: 1 / -1; }
input[type=text], input[type=email], input[type=tel], input[type=url], input[type=number], input[type=date], select,
textarea { font: inherit; color: var(--pc-text); background: var(--pc-form-bg); border: 1px solid var(--pc-border);
  border-radius: calc(var(--pc-radius) * .75); padding: 7px 10px; min-height: 34px; width: 100%; }
textarea { min-height: 90px; resize: vertical; }
input[aria-invalid="true"], select[aria-invalid="true"] { border-color: var(--pc-danger); }
.field .hint { color: var(--pc-text2); font-size: .86em; }
.field .err { color: var(--pc-danger); font-size: .86em; }
fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 8px; }
legend { font-weight: 600; margin-bottom: 6px; padding: 0; }
.option { display: flex; align-items: center; gap: 10px; border: 1px solid var(--pc-border);
  border-radius: calc(var(--pc-radius) * .75); padding: 10px 12px; cursor: pointer; }
.option:has(input:checked) { border-color: var(--pc-primary); background: color-mix(in srgb, var(--pc-primary) 6%, var(--pc-bg)); }
.actions { display: flex; gap: var(--pc-sp); justify-content: flex-end; flex-wrap: wrap; }
.steps { display: flex; gap: 6px; list-style: none; margin: 0; padding: 0; }
.steps li { flex: 1; height: 4px; border-radius: 2px; background: var(--pc-border); }
.steps li.done, .steps li.current { background: var(--pc-primary); }
.banner { display: flex; gap: calc(var(--pc-sp) * 1.5); align-items: flex-start; border-radius: var(--pc-radius);
  padding: calc(var(--pc-sp) * 1.5) calc(var(--pc-sp) * 2); border: 1px solid #f9d67a; background: #fff8e1; }
.banner.danger { border-color: #ffccdf; background: #fff1f6; }
.banner .bicon { flex: none; width: 24px; height: 24px; border-radius: 50%; display: grid; place-items: center;
  font-weight: 700; background: #f9d67a; color: #6b3f00; }
.banner.danger .bicon { background: #ffccdf; color: #a3082f; }
.banner ul { margin: 4px 0 0; padding-left: 18px; color: var(--pc-text2); }
.promo { display: flex; gap: calc(var(--pc-sp) * 2); align-items: center; border-radius: var(--pc-radius);
  padding: calc(var(--pc-sp) * 2); border: 1px solid color-mix(in srgb, var(--pc-primary) 30%, var(--pc-border));
  background: color-mix(in srgb, var(--pc-primary) 6%, var(--pc-bg)); }
.promo .bolt { flex: none; width: 40px; height: 40px; border-radius: 10px; display: grid; place-items: center;
  background: var(--pc-primary); color: #fff; font-size: 20px; }
.backdrop { position: fixed; inset: 0; background: var(--pc-backdrop); z-index: var(--pc-z); display: flex;
  align-items: center; justify-content: center; padding: 24px; animation: fade .12s ease-out; }
.backdrop.mode-drawer { justify-content: flex-end; align-items: stretch; padding: 0; }
.dialog { background: var(--pc-bg); color: var(--pc-text); border-radius: var(--pc-overlay-radius);
  box-shadow: 0 15px 35px rgba(50,50,93,.2), 0 5px 15px rgba(0,0,0,.12); width: min(640px, 100%);
  max-height: calc(100vh - 48px); display: flex; flex-direction: column; outline: none; }
.mode-drawer .dialog { width: min(520px, 100%); max-height: none; height: 100%; border-radius: 0;
  animation: slide .16s ease-out; }
.dialog-head { display: flex; align-items: center; gap: 8px; padding: 14px 16px 14px 20px;
  border-bottom: 1px solid var(--pc-border); }
.dialog-head h2 { font-size: 1.15em; flex: 1; }
.dialog-body { padding: 20px; overflow: auto; display: flex; flex-direction: column; gap: calc(var(--pc-sp) * 2.5); }
@keyframes fade { from { opacity: 0; } to { opacity: 1; } }
@keyframes slide { from { transform: translateX(40px); } to { transform: none; } }
.timeline { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
.timeline li { display: flex; gap: 10px; align-items: baseline; }
.timeline li::before { content: ""; flex: none; width: 8px; height: 8px; border-radius: 50%; background: var(--pc-primary);
  transform: translateY(-1px); }
.notavail { display: flex; gap: 14px; align-items: flex-start; border: 1px dashed var(--pc-border);
  border-radius: var(--pc-radius); padding: calc(var(--pc-sp) * 2.5); background: var(--pc-offset); }
.notavail .icon { flex: none; width: 36px; height: 36px; border-radius: 8px; display: grid; place-items: center;
  background: var(--pc-bg); border: 1px solid var(--pc-border); color: var(--pc-text2); font-weight: 700; }
@media (max-width: 560px) { .grid2 { grid-template-columns: 1fr; } .hide-sm { display: none; } }
/* Narrow frames: each table row becomes a card of label/value lines (nothing cropped, no sideways scrolling). */
@media (max-width: 520px) {
  .table-wrap { border: 0; border-radius: 0; overflow: visible; }
  .table-wrap table, .table-wrap tbody, .table-wrap tr, .table-wrap td { display: block; width: 100%;
    box-sizing: border-box; }
  .table-wrap thead { display: none; }
  .table-wrap tr { border: 1px solid var(--pc-border); border-radius: var(--pc-radius); margin-bottom: 8px;
    padding: 6px 12px; }
  .table-wrap td, .table-wrap tr:last-child td { display: flex; justify-content: space-between; align-items: center;
    gap: 12px; padding: 4px 0; border: 0; text-align: right; min-width: 0; overflow-wrap: anywhere; }
  .table-wrap td > * { min-width: 0; }
  .table-wrap td[data-label]::before { content: attr(data-label); color: var(--pc-text2); font-size: .86em;
    text-align: left; flex: none; max-width: 45%; }
  /* Cards have room for every column: a column hidden from narrow tables shows again, in every card alike. */
  .table-wrap td.hide-sm { display: flex; }
  .promo { flex-wrap: wrap; }
  .promo > .stack { flex: 1 1 calc(100% - 56px); min-width: 0; }
  .promo > button { flex: 1 1 100%; }
  .amount-cell, .pm { white-space: normal; flex-wrap: wrap; }
}
.frame > .stack, .frame > section { max-width: 100%; }
`;

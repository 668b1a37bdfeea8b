/** The id of every page's main landmark: the skip link's target (components/shell/skip-link.tsx). */
export const MAIN_ID = "main";

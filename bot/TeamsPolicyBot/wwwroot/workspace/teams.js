// What the workspace page and its configuration page share: whether they run inside Teams, and the Teams theme.
"use strict";
window.workspaceTeams = (function () {
  // Outside a frame there is no Teams host to answer, and initialize() would only wait.
  const framed = window.parent !== window;
  let ready = null;

  function applyTheme(theme) {
    // "default" is Teams' light theme; dark and contrast have their own colours in workspace.css.
    document.documentElement.dataset.theme = theme === "dark" || theme === "contrast" ? theme : "light";
  }

  function initialize() {
    if (ready) return ready;
    if (!framed || !window.microsoftTeams) {
      ready = Promise.resolve(false);
      return ready;
    }
    const timeout = new Promise((resolve) => setTimeout(() => resolve(false), 5000));
    const teams = microsoftTeams.app.initialize().then(async () => {
      const context = await microsoftTeams.app.getContext();
      applyTheme(context.app && context.app.theme);
      microsoftTeams.app.registerOnThemeChangeHandler(applyTheme);
      return true;
    }).catch(() => false);
    ready = Promise.race([teams, timeout]);
    return ready;
  }

  return { initialize };
})();

// newslint HTML report: lazy story sections, filters, focus. Builds no markup from text:
// a section's lines come from its inert <template>, already escaped when the page was made.
(function () {
  "use strict";
  function render(section) {
    if (section.dataset.rendered) return;
    var template = section.querySelector(":scope > template");
    if (template) section.appendChild(template.content.cloneNode(true));
    section.dataset.rendered = "1";
  }
  function stories() { return document.querySelectorAll("details.story"); }
  stories().forEach(function (section) { if (section.open) render(section); });
  document.addEventListener("toggle", function (event) {
    var section = event.target;
    if (section.matches && section.matches("details.story") && section.open) render(section);
  }, true);
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.dataset && box.dataset.hide) document.body.classList.toggle(box.dataset.hide, !box.checked);
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button");
    if (!button) return;
    if (button.dataset.rules) {
      document.querySelectorAll("#rules input[data-hide]").forEach(function (box) {
        box.checked = button.dataset.rules === "all";
        document.body.classList.toggle(box.dataset.hide, !box.checked);
      });
    } else if (button.dataset.stories) {
      stories().forEach(function (section) {
        section.open = button.dataset.stories === "open";
        if (section.open) render(section);
      });
    }
  });
  // A link to a story or a line (#file-3, #file-3-12) opens the story first.
  function openTarget() {
    var match = /^#(file-\d+)(-\d+)?$/.exec(location.hash);
    var section = match && document.getElementById(match[1]);
    if (!section) return;
    section.open = true;
    render(section);
    var target = document.getElementById(location.hash.slice(1));
    if (target) target.scrollIntoView();
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  // Pointing at a finding's card outlines its words.
  function focus(event, on) {
    var card = event.target.closest && event.target.closest(".card");
    if (!card) return;
    var section = card.closest("details.story");
    section.querySelectorAll("mark.f" + Number(card.dataset.f)).forEach(function (mark) {
      mark.classList.toggle("focus", on);
    });
  }
  document.addEventListener("mouseover", function (event) { focus(event, true); });
  document.addEventListener("mouseout", function (event) { focus(event, false); });
})();

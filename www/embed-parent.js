// For pages that embed embed.html in an iframe: keeps each such iframe as tall as its content.
// <script src=".../embed-parent.js" defer></script> anywhere on the page. (Pages that already
// load pym.js's parent script need nothing more: embed.html speaks its format too.)
window.addEventListener('message', function (event) {
  var data = event.data;
  if (!data || data.type !== 'sahel-map:height' || typeof data.height !== 'number') return;
  var frames = document.getElementsByTagName('iframe');
  for (var i = 0; i < frames.length; i++) {
    if (frames[i].contentWindow === event.source) frames[i].style.height = Math.ceil(data.height) + 'px';
  }
});

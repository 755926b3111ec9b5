// For CMSes that only allow classic scripts: <script src=".../sahel-map-classic.js" defer>.
// It loads the module loader from the same folder, which defines <sahel-map>.
(function () {
  var here = document.currentScript && document.currentScript.src;
  import(new URL('sahel-map.js', here || document.baseURI).href);
})();

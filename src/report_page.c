/* The report page's fixed style sheet and script (inline, no network). */
#include "report_internal.h"

/* Colours are never the only signal: every finding category has its own
 * underline style and its name in the tooltip and the list; every entity
 * has its number after each mention and one of three underline styles. */
const char *const wa_report_css[] = {
    ":root{--ink:#1d232b;--mute:#5b6573;--line:#d5dae1;--bg:#fff;--panel:#f6f7f9;"
    "--link:#0b57b7;color-scheme:light}\n",
    "*{box-sizing:border-box}\n",
    "html{-webkit-text-size-adjust:100%}\n",
    "body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"
    "'Segoe UI',Roboto,'Noto Sans','DejaVu Sans',sans-serif}\n",
    "a{color:var(--link)}\n",
    ".skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.3rem}\n",
    "header{padding:1.2rem 2rem .6rem;border-bottom:1px solid var(--line);background:var(--panel)}\n",
    "h1{margin:0 0 .2rem;font-size:1.5rem}\n",
    "h2{font-size:1.15rem;margin:0 0 .4rem}\n",
    ".lead{margin:.1rem 0;color:var(--mute)}\n",
    "#js-status:empty{display:none}\n",
    ".legend{display:flex;flex-wrap:wrap;gap:.3rem .8rem;align-items:baseline;margin:.5rem 0 0;"
    "font-size:.9rem}\n",
    ".legend>span{color:var(--mute)}\n",
    ".legend ul{display:flex;flex-wrap:wrap;gap:.3rem 1rem;list-style:none;margin:0;padding:0}\n",
    ".legend label{cursor:pointer}\n",
    "main{padding:1rem 2rem 3rem}\n",
    "section#summary{margin-bottom:1.5rem}\n",
    ".scroll{overflow-x:auto}\n",
    "table{border-collapse:collapse;font-size:.88rem}\n",
    "th,td{padding:.25rem .5rem;border-bottom:1px solid var(--line);text-align:left;"
    "vertical-align:top}\n",
    "thead th{background:var(--panel);font-weight:600;white-space:nowrap}\n",
    "tbody th{font-weight:500;white-space:nowrap}\n",
    "tfoot th,tfoot td{border-top:2px solid var(--line);font-weight:600}\n",
    ".num{text-align:right;font-variant-numeric:tabular-nums}\n",
    ".enc{white-space:nowrap}\n",
    ".zero{color:#a3abb6}\n",
    "tr.failed th,tr.failed td{color:#9b1c1c;background:#fdf0f0}\n",
    ".note{color:var(--mute);font-size:.9rem}\n",
    ".cols{display:grid;grid-template-columns:minmax(0,1fr) minmax(16rem,24rem);gap:2rem;"
    "align-items:start}\n",
    "@media (max-width:820px){.cols{grid-template-columns:minmax(0,1fr)}}\n",
    "article.doc{border:1px solid var(--line);border-radius:6px;padding:1rem 1.3rem;"
    "margin:0 0 1.5rem;background:#fff}\n",
    "article.doc h2{word-break:break-all}\n",
    ".facts{margin:0 0 .8rem;color:var(--mute);font-size:.88rem}\n",
    ".text{white-space:pre-wrap;overflow-wrap:anywhere;font:17px/1.75 Charter,'Bitstream Charter',"
    "'Sitka Text',Cambria,Georgia,'DejaVu Serif',serif;max-width:46rem}\n",
    /* Findings: a tint, a coloured underline whose style names the category. */
    "mark.f{color:inherit;background:var(--fb,#fff3c4);text-decoration-line:underline;"
    "text-decoration-color:var(--fc,#8a6d00);text-decoration-style:var(--fs,solid);"
    "text-decoration-thickness:2px;text-underline-offset:4px;text-decoration-skip-ink:none;"
    "border-radius:2px;cursor:pointer;-webkit-box-decoration-break:clone;"
    "box-decoration-break:clone}\n",
    "mark.f:focus{outline:2px solid var(--fc,#8a6d00);outline-offset:1px}\n",
    "mark.f.cur{outline:2px solid var(--fc,#8a6d00)}\n",
    ".f-loanword{--fb:#fde2e2;--fc:#c0262d;--fs:double}\n",
    ".f-spelling{--fb:#f6e3f7;--fc:#9c27b0;--fs:wavy}\n",
    ".f-glued{--fb:#e3edfd;--fc:#1f5fbf;--fs:dotted}\n",
    ".f-repeat{--fb:#fdebd9;--fc:#c25e00;--fs:solid}\n",
    ".f-variant{--fb:#ddf3f0;--fc:#0b7a6c;--fs:dashed}\n",
    ".f-boilerplate{--fb:#eceef1;--fc:#69727e;--fs:dashed;font-style:italic}\n",
    ".cat{display:inline-block;padding:0 .35em;border-radius:3px;font-size:.8em;"
    "background:var(--fb,#fff3c4);color:var(--fc,#8a6d00);border:1px solid currentColor;"
    "font-weight:600}\n",
    ".c-loanword{--fb:#fde2e2;--fc:#c0262d}.c-spelling{--fb:#f6e3f7;--fc:#9c27b0}"
    ".c-glued{--fb:#e3edfd;--fc:#1f5fbf}.c-repeat{--fb:#fdebd9;--fc:#c25e00}"
    ".c-variant{--fb:#ddf3f0;--fc:#0b7a6c}.c-boilerplate{--fb:#eceef1;--fc:#69727e}\n",
    /* Names: the entity's tint and line, and its number as a superscript. */
    ".n[data-e]{background:hsl(var(--h) 85% 93%);border-bottom:2px solid hsl(var(--h) 70% 36%);"
    "border-radius:2px 2px 0 0;-webkit-box-decoration-break:clone;box-decoration-break:clone}\n",
    ".n[data-u=\"1\"]{border-bottom-style:dashed}.n[data-u=\"2\"]{border-bottom-style:dotted;"
    "border-bottom-width:3px}\n",
    "sup.e{font:600 .6em/1 system-ui,sans-serif;color:hsl(var(--h) 70% 30%);margin-left:1px;"
    "vertical-align:.7em}\n",
    ".hl .n[data-e]{opacity:.35}\n",
    ".hl .n.on{opacity:1;outline:2px solid hsl(var(--h) 70% 36%)}\n",
    ".chip{display:inline-block;min-width:1.8em;text-align:center;font-weight:600;cursor:pointer}\n",
    ".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
    "white-space:nowrap}\n",
    /* Repairs: a thin green line above. */
    ".r{border-top:2px dotted #2e7d32}\n",
    /* Sentences: every other one shaded, so that each one's extent shows. */
    ".show-s .sb{background:#e9eef6;border-radius:2px;-webkit-box-decoration-break:clone;"
    "box-decoration-break:clone}\n",
    ".legend .sb{background:#e9eef6}\n",
    "details.fl{margin-top:1rem;font-size:.9rem;border-top:1px solid var(--line);padding-top:.5rem}\n",
    "details.fl summary{cursor:pointer;font-weight:600;color:var(--mute)}\n",
    "details.fl ol{margin:.4rem 0 0;padding-left:1.6rem}\n",
    "details.fl li{margin:.15rem 0}\n",
    "details.fl q{font-style:italic}\n",
    ".sug b{font-weight:600;color:#176b2c}\n",
    "aside#aliases{position:sticky;top:0;max-height:100vh;overflow:auto;padding:.2rem 0 1rem}\n",
    "aside h2 small{font-weight:400;color:var(--mute);font-size:.8em}\n",
    "table.al{width:100%}\n",
    ".canon{font-weight:600}\n",
    "small.in{color:var(--mute)}\n",
    "ul.vars{list-style:none;margin:.1rem 0 0;padding:0;color:#333}\n",
    "ul.vars li{display:inline}\n",
    "ul.vars li+li::before{content:' \\00b7  '}\n",
    "ul.vars small{color:var(--mute)}\n",
    "tr.on td{background:#fffbe6}\n",
    "#pop{position:absolute;z-index:10;max-width:26rem;background:#fff;border:1px solid #aab3bf;"
    "border-radius:6px;box-shadow:0 4px 18px rgba(0,0,0,.18);padding:.55rem .8rem;font-size:.9rem}\n",
    "#pop a{display:none}\n",
    "@media print{\n",
    "header,main{padding:0}\n",
    "body{font-size:10pt}\n",
    ".legend label,#pop,.skip,#js-status{display:none}\n",
    ".cols{display:block}\n",
    "aside#aliases{position:static;max-height:none;overflow:visible}\n",
    "article.doc{border:0;padding:0;break-inside:auto}\n",
    "article.doc h2{break-after:avoid}\n",
    ".text{font-size:11pt;max-width:none}\n",
    "a{color:inherit;text-decoration:none}\n",
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n",
    "tr{break-inside:avoid}\n",
    "}\n", NULL};

/* Clicking (or Enter/Space on) a finding shows its message and
 * suggestions, as does a link to it (#d3-f1, e.g. from the document's list
 * of findings); hovering or focusing a name lights up its whole entity; the
 * findings lists open for printing. */
const char *const wa_report_js[] = {
    "(function(){\n",
    "'use strict';\n",
    "var d=document,pop=d.getElementById('pop'),cur=null;\n",
    "d.documentElement.classList.add('js');\n",
    "function hide(){if(cur){cur.classList.remove('cur');cur=null;}pop.hidden=true;}\n",
    "function show(m){var id=m.getAttribute('data-f'),li=d.getElementById(id+'-d');\n",
    " if(!li)return;hide();cur=d.getElementById(id)||m;cur.classList.add('cur');\n",
    " pop.innerHTML=li.innerHTML;pop.hidden=false;\n",
    " var r=m.getBoundingClientRect(),w=pop.offsetWidth;\n",
    " var x=Math.max(8,Math.min(r.left+window.scrollX,window.scrollX+d.documentElement.clientWidth-w-8));\n",
    " pop.style.left=x+'px';pop.style.top=(r.bottom+window.scrollY+6)+'px';}\n",
    "d.addEventListener('click',function(e){var t=e.target;\n",
    " var m=t.closest&&t.closest('mark.f[data-f]');if(m){show(m);return;}\n",
    " if(!pop.contains(t))hide();});\n",
    "d.addEventListener('keydown',function(e){var t=e.target;\n",
    " if(e.key==='Escape'){var c=cur;hide();if(c)c.focus();return;}\n",
    " if((e.key==='Enter'||e.key===' ')&&t.matches&&t.matches('mark.f[data-f]')){e.preventDefault();show(t);}});\n",
    "var lit=null;\n",
    "function light(e){if(lit===e)return;lit=e;\n",
    " d.querySelectorAll('.on').forEach(function(x){x.classList.remove('on');});\n",
    " d.body.classList.toggle('hl',!!e);if(!e)return;\n",
    " d.querySelectorAll('.n[data-e=\"'+e+'\"]').forEach(function(x){x.classList.add('on');});\n",
    " var row=d.getElementById('e'+e);if(row)row.classList.add('on');}\n",
    "function ent(t){var n=t.closest&&t.closest('[data-e]');return n&&n.getAttribute('data-e')!=='0'?n.getAttribute('data-e'):null;}\n",
    "d.addEventListener('mouseover',function(e){light(ent(e.target));});\n",
    "d.addEventListener('focusin',function(e){light(ent(e.target));});\n",
    "var box=d.getElementById('show-s');\n",
    "if(box)box.addEventListener('change',function(){d.body.classList.toggle('show-s',box.checked);});\n",
    "function fromHash(){var id=decodeURIComponent(location.hash.slice(1)),m=id&&d.getElementById(id);\n",
    " if(m&&m.matches('mark.f[data-f]')){show(m);m.focus();}}\n",
    "window.addEventListener('hashchange',fromHash);\n",
    "window.addEventListener('beforeprint',function(){d.querySelectorAll('details').forEach(function(x){x.open=true;});});\n",
    "var nf=d.querySelectorAll('.doc mark.f[id]').length,nn=d.querySelectorAll('.doc .n[data-e]>sup.e').length;\n",
    "var st=d.getElementById('js-status');\n",
    "if(st&&(nf||nn))st.textContent=(nf?nf+' findings':'')+(nf&&nn?' and ':'')+(nn?nn+' name mentions':'')+' marked. '+\n",
    " (nf?'Click a highlighted word, or Tab to it and press Enter, to see its message and suggestions. ':'')+\n",
    " (nn?'Point at a name to light up every mention of its entity.':'');\n",
    "fromHash();\n",
    "})();\n", NULL};

// The physical limit for an article page: a hand-written static HTML page of one article,
// from its content file and the built CSS, with no script at all. scripts/perf/budgets.mjs puts
// it side by side with our prerendered page in Lighthouse. With `--floor`, the floor: the
// same article as one HTML file, its CSS inline, no picture.
//   node scripts/perf/static-article.mjs DIST OUT [category/slug] [--floor]
// DIST: a built site (its CSS files, site.json, api/articles/*.json and api/images/);
// OUT: a directory to write (index.html, the same CSS files, the article's pictures).
// The markup uses the app's class names, so the same stylesheets lay it out the same way:
// masthead, section navigation, breadcrumb, header, lead picture, body blocks, tags, footer.
import { readFileSync, mkdirSync, copyFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function figure(img, lead, pictures) {
  pictures.add(img.src);
  const size = img.width && img.height ? ` width="${img.width}" height="${img.height}"` : '';
  const loading = lead ? ' loading="eager" fetchpriority="high"' : ' loading="lazy"';
  const caption = img.caption || img.credit
    ? `<figcaption class="figure__caption">${esc(img.caption ?? '')} ${img.credit ? `<span class="figure__credit">${esc(img.credit)}</span>` : ''}</figcaption>`
    : '';
  return `<figure class="figure"><img src="/api/${esc(img.src)}" alt="${esc(img.alt ?? '')}"${size}${loading} decoding="async" class="picture">${caption}</figure>`;
}

function block(b, pictures) {
  switch (b.type) {
    case 'paragraph': return `<p>${esc(b.text)}</p>`;
    case 'heading': return `<h2 class="body__heading">${esc(b.text)}</h2>`;
    case 'quote': return `<blockquote class="body__quote"><p>${esc(b.text)}</p>${b.cite ? `<footer><cite>${esc(b.cite)}</cite></footer>` : ''}</blockquote>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag} class="body__list">${(b.items ?? []).map((i) => `<li>${esc(i)}</li>`).join('')}</${tag}>`;
    }
    case 'image': return figure(b, false, pictures);
    // Trusted here: it is our own sample content, and this page is a benchmark, not the app.
    case 'html': return `<div class="body__html">${b.html}</div>`;
    default: return '';
  }
}

export function writeStaticArticle(dist, out, route = 'world/eu-leaders-agree-grid-compact', { floor = false } = {}) {
  const slug = route.split('/').pop();
  const article = JSON.parse(readFileSync(join(dist, 'api/articles', `${slug}.json`), 'utf8'));
  const site = JSON.parse(readFileSync(join(dist, 'site.json'), 'utf8'));
  const css = readdirSync(dist).filter((n) => n.endsWith('.css')).sort((a, b) => order(a) - order(b));
  const section = site.categories.find((c) => c.slug === article.category)?.name ?? article.category;
  const pictures = new Set();
  const date = (iso) => new Date(iso).toLocaleString(site.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: site.time_zone });
  const words = article.body.map((b) => `${b.text ?? ''} ${(b.items ?? []).join(' ')}`).join(' ').split(/\s+/).length;
  const html = `<!DOCTYPE html>
<html lang="${esc(site.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${esc(article.title)} — ${esc(site.name)}</title>
<meta name="description" content="${esc(article.standfirst)}">
${floor ? `<style>${css.map((n) => readFileSync(join(dist, n), 'utf8')).join('\n')}</style>` : css.map((n) => `<link rel="stylesheet" href="/${n}">`).join('\n')}
</head>
<body>
<a href="#main" class="skip-link">Skip to main content</a>
<header class="masthead"><p class="masthead__name"><a href="/" class="masthead__home">${esc(site.name)}</a></p><p class="masthead__tagline">${esc(site.tagline ?? '')}</p></header>
<nav aria-label="Sections" class="sections"><ul class="sections__list"><li><a href="/" class="sections__link">Home</a></li>${site.categories.map((c) => `<li><a href="/${esc(c.slug)}" class="sections__link"${c.slug === article.category ? ' aria-current="page"' : ''}>${esc(c.name)}</a></li>`).join('')}</ul></nav>
<main id="main" class="page"><div class="with-rail"><article class="article with-rail__main">
<nav aria-label="Breadcrumb" class="breadcrumb"><ol class="breadcrumb__list"><li><a href="/">Home</a></li><li><a href="/${esc(article.category)}">${esc(section)}</a></li><li aria-current="page">${esc(article.title)}</li></ol></nav>
<header class="article__header"><p class="article__section"><a href="/${esc(article.category)}">${esc(section)}</a></p><h1 class="article__title">${esc(article.title)}</h1><p class="article__standfirst">${esc(article.standfirst)}</p><p class="article__byline">By ${esc((article.authors ?? []).join(' and '))}</p><p class="article__meta">Published <time datetime="${esc(article.published)}">${esc(date(article.published))}</time>${article.updated ? ` · Updated <time datetime="${esc(article.updated)}">${esc(date(article.updated))}</time>` : ''} · ${Math.max(1, Math.round(words / 230))} min read</p></header>
${article.image && !floor ? figure(article.image, true, pictures) : ''}
<div class="article__body">${article.body.filter((b) => !floor || b.type !== 'image').map((b) => block(b, pictures)).join('')}</div>
<nav aria-label="Tags" class="tags"><ul class="tags__list">${(article.tags ?? []).map((t) => `<li><a href="/tag/${esc(t)}" class="tags__link">${esc(t)}</a></li>`).join('')}</ul></nav>
</article></div></main>
<footer class="footer"><p class="footer__name">${esc(site.name)}</p></footer>
</body>
</html>
`;
  mkdirSync(join(out, route), { recursive: true });
  writeFileSync(join(out, route, 'index.html'), html);
  writeFileSync(join(out, '404.html'), '<!DOCTYPE html><title>Not found</title><p>Not found</p>');
  if (!floor) for (const n of css) copyFileSync(join(dist, n), join(out, n));
  for (const p of pictures) {
    const from = join(dist, 'api', p);
    if (!existsSync(from)) continue;
    mkdirSync(dirname(join(out, 'api', p)), { recursive: true });
    copyFileSync(from, join(out, 'api', p));
  }
  return { route: `/${route}`, css, pictures: [...pictures] };
}

// The cascade order of index.html: tokens first, print last.
function order(name) {
  const i = ['tokens', 'base', 'masthead', 'ad_slot', 'article_card', 'article', 'sidebar', 'pages', 'print']
    .indexOf(name.replace(/-[0-9a-f]{16}\.css$/, ''));
  return i < 0 ? 50 : i;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const floor = process.argv.includes('--floor');
  const [dist, out, route] = process.argv.slice(2).filter((a) => a !== '--floor');
  if (!dist || !out) {
    console.error('usage: node scripts/perf/static-article.mjs DIST OUT [category/slug] [--floor]');
    process.exit(2);
  }
  const r = writeStaticArticle(dist, out, route, { floor });
  console.log(`wrote ${join(out, r.route.slice(1), 'index.html')} with ${r.css.length} stylesheets and ${r.pictures.length} pictures`);
}

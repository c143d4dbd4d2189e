/* folio_jni.c: JNI binding of the folio engine (org.folio.Folio). The pack and the workspace are direct
 * ByteBuffers owned by Java (a MappedByteBuffer of the pack file, or of an uncompressed APK asset); the
 * native side only reads their addresses and never allocates: results go into Java int[] records and
 * caller-provided direct buffers. Strings are returned as (offset, length) into the pack buffer (or into
 * the text buffer for snippets) and decoded as UTF-8 on the Java side, which avoids JNI's modified UTF-8.
 *
 * Handles (folio_pack *, folio_reader *) travel as jlong. Every array access uses Get/Set*ArrayRegion
 * (copies into small stack buffers), so no JNI critical section is held across engine calls. */
#include <folio/folio.h>
#include <jni.h>
#include <stdint.h>
#include <string.h>

#define JNIFN(name) Java_org_folio_Folio_##name
#define PTR(j) ((void *)(uintptr_t)(j))
#define MAX_QUERY 1024

static jint put_off(jint *o, folio_str s, const char *base)
{
  o[0] = s.len ? (jint)(s.ptr - base) : 0;
  o[1] = (jint)s.len;
  return 2;
}

/* Copies a Java byte[] (UTF-8) into buf; returns the length, or -1 if too long. */
static jint get_query(JNIEnv *env, jbyteArray q, char *buf)
{
  jsize n = (*env)->GetArrayLength(env, q);
  if (n > MAX_QUERY) return -1;
  (*env)->GetByteArrayRegion(env, q, 0, n, (jbyte *)buf);
  return n;
}

JNIEXPORT jlong JNICALL JNIFN(nWorkspaceSize)(JNIEnv *env, jclass cls, jobject pack)
{
  (void)cls;
  const void *p = (*env)->GetDirectBufferAddress(env, pack);
  jlong len = (*env)->GetDirectBufferCapacity(env, pack);
  if (!p || len < 0) return 0;
  /* + 8: the workspace address is aligned up inside nOpen */
  size_t n = folio_workspace_size(p, (size_t)len);
  return n ? (jlong)n + 8 : 0;
}

/* out[0] = pack handle, out[1] = reader handle, out[2] = pack base address. */
JNIEXPORT jint JNICALL JNIFN(nOpen)(JNIEnv *env, jclass cls, jobject pack, jobject ws, jint flags, jlongArray out)
{
  (void)cls;
  const char *p = (*env)->GetDirectBufferAddress(env, pack);
  jlong len = (*env)->GetDirectBufferCapacity(env, pack);
  char *w = (*env)->GetDirectBufferAddress(env, ws);
  jlong wlen = (*env)->GetDirectBufferCapacity(env, ws);
  if (!p || !w || len < 0 || wlen < 8) return FOLIO_E_ARG;
  size_t pad = (size_t)((8u - ((uintptr_t)w & 7u)) & 7u);
  const folio_pack *fp = NULL;
  folio_reader *r = NULL;
  folio_status st = folio_open(p, (size_t)len, w + pad, (size_t)wlen - pad, (uint32_t)flags, &fp, &r);
  jlong h[3] = {(jlong)(uintptr_t)fp, (jlong)(uintptr_t)r, (jlong)(uintptr_t)p};
  (*env)->SetLongArrayRegion(env, out, 0, 3, h);
  return st;
}

JNIEXPORT jstring JNICALL JNIFN(nStatusString)(JNIEnv *env, jclass cls, jint status)
{
  (void)cls;
  return (*env)->NewStringUTF(env, folio_status_str(status)); /* ASCII */
}

/* info: title, language, content_version, licence, disclaimer (10 ints), then article, section, glossary,
 * reference, topic counts, workspace bytes, max doc bytes, search available, format major, minor. */
JNIEXPORT jint JNICALL JNIFN(nInfo)(JNIEnv *env, jclass cls, jlong pack, jlong base, jintArray out)
{
  (void)cls;
  folio_info i;
  jint o[20];
  const char *b = PTR(base);
  folio_status st = folio_pack_info(PTR(pack), &i);
  if (st != FOLIO_OK) return st;
  put_off(o + 0, i.title, b);
  put_off(o + 2, i.language, b);
  put_off(o + 4, i.content_version, b);
  put_off(o + 6, i.licence, b);
  put_off(o + 8, i.disclaimer, b);
  o[10] = (jint)i.article_count;
  o[11] = (jint)i.section_count;
  o[12] = (jint)i.glossary_count;
  o[13] = (jint)i.reference_count;
  o[14] = (jint)i.topic_count;
  o[15] = (jint)i.workspace_bytes;
  o[16] = (jint)i.max_doc_bytes;
  o[17] = folio_search_available(PTR(pack));
  o[18] = i.format_major;
  o[19] = i.format_minor;
  (*env)->SetIntArrayRegion(env, out, 0, 20, o);
  return FOLIO_OK;
}

/* article record (12 ints): id, slug, title, summary, updated, audience, section_first, section_count, +1 */
static void article_rec(jint *o, const folio_article *a, const char *b)
{
  o[0] = (jint)a->id;
  put_off(o + 1, a->slug, b);
  put_off(o + 3, a->title, b);
  put_off(o + 5, a->summary, b);
  o[7] = (jint)a->updated;
  o[8] = (jint)a->audience;
  o[9] = (jint)a->section_first;
  o[10] = (jint)a->section_count;
  o[11] = (jint)a->section_first;
}

JNIEXPORT jint JNICALL JNIFN(nArticle)(JNIEnv *env, jclass cls, jlong pack, jlong base, jint id, jintArray out)
{
  (void)cls;
  folio_article a;
  jint o[12];
  folio_status st = folio_article_get(PTR(pack), (uint32_t)id, &a);
  if (st != FOLIO_OK) return st;
  article_rec(o, &a, PTR(base));
  (*env)->SetIntArrayRegion(env, out, 0, 12, o);
  return st;
}

/* "slug" / "slug#anchor" first, then title or alias. o[11] = section id. */
JNIEXPORT jint JNICALL JNIFN(nLookup)(JNIEnv *env, jclass cls, jlong pack, jlong base, jbyteArray q, jintArray out)
{
  (void)cls;
  char buf[MAX_QUERY];
  jint o[12];
  folio_article a;
  folio_section s;
  folio_entry e;
  jint n = get_query(env, q, buf);
  if (n < 0) return FOLIO_E_LIMIT;
  folio_status st = folio_resolve(PTR(pack), buf, (size_t)n, &a, &s);
  if (st == FOLIO_OK) {
    article_rec(o, &a, PTR(base));
    o[11] = (jint)s.id;
  } else {
    st = folio_lookup_title(PTR(pack), buf, (size_t)n, &e);
    if (st != FOLIO_OK) return st;
    st = folio_article_get(PTR(pack), e.article, &a);
    if (st != FOLIO_OK) return st;
    article_rec(o, &a, PTR(base));
  }
  (*env)->SetIntArrayRegion(env, out, 0, 12, o);
  return FOLIO_OK;
}

/* glossary record (7 ints): id, key, term, definition (offsets from base). mode 0: by term, abbreviation
 * or everyday word (folio_glossary_lookup); 1: the entry a search query asks about
 * (folio_glossary_for_query). */
JNIEXPORT jint JNICALL JNIFN(nGlossary)(JNIEnv *env, jclass cls, jlong pack, jlong base, jbyteArray q, jint mode,
                                        jintArray out)
{
  (void)cls;
  char buf[MAX_QUERY];
  jint o[7];
  folio_glossary_entry g;
  jint n = get_query(env, q, buf);
  if (n < 0) return mode ? FOLIO_E_NOT_FOUND : FOLIO_E_LIMIT;
  folio_status st = mode ? folio_glossary_for_query(PTR(pack), buf, (size_t)n, &g)
                         : folio_glossary_lookup(PTR(pack), buf, (size_t)n, &g);
  if (st != FOLIO_OK) return st;
  o[0] = (jint)g.id;
  put_off(o + 1, g.key, PTR(base));
  put_off(o + 3, g.term, PTR(base));
  put_off(o + 5, g.definition, PTR(base));
  (*env)->SetIntArrayRegion(env, out, 0, 7, o);
  return FOLIO_OK;
}

/* n suggestion records of 9 ints into out from index at: article, slug, title, matched, kind, score. */
static void put_entries(JNIEnv *env, jintArray out, jsize at, const folio_entry *e, uint32_t n, const char *base)
{
  jint o[9];
  for (uint32_t i = 0; i < n; ++i) {
    o[0] = (jint)e[i].article;
    put_off(o + 1, e[i].slug, base);
    put_off(o + 3, e[i].title, base);
    put_off(o + 5, e[i].matched, base);
    o[7] = e[i].kind;
    o[8] = (jint)e[i].score;
    (*env)->SetIntArrayRegion(env, out, (jsize)(at + (jsize)i * 9), 9, o);
  }
}

/* suggestion records (9 ints, put_entries). Returns count or status. */
JNIEXPORT jint JNICALL JNIFN(nSuggest)(JNIEnv *env, jclass cls, jlong pack, jlong base, jbyteArray q, jint cap,
                                       jintArray out)
{
  (void)cls;
  char buf[MAX_QUERY];
  folio_entry e[16];
  uint32_t n = 0;
  jint qn = get_query(env, q, buf);
  if (qn < 0) return FOLIO_E_LIMIT;
  if (cap < 0) return FOLIO_E_ARG;
  if (cap > 16) cap = 16;
  folio_status st = folio_suggest(PTR(pack), buf, (size_t)qn, e, (uint32_t)cap, &n);
  if (st != FOLIO_OK) return st;
  put_entries(env, out, 0, e, n, PTR(base));
  return (jint)n;
}

/* The arguments of a reader call with a text buffer (nSuggestTyped, nSearch): the query into buf (*qn
 * bytes), the direct buffer `text` (*t, *tcap), *cap clamped to 16. FOLIO_OK or the status to return. */
static jint text_call_args(JNIEnv *env, jbyteArray q, char *buf, jint *qn, jobject text, char **t, size_t *tcap,
                           jint *cap)
{
  jlong c;
  *qn = get_query(env, q, buf);
  *t = (*env)->GetDirectBufferAddress(env, text);
  c = (*env)->GetDirectBufferCapacity(env, text);
  if (*qn < 0) return FOLIO_E_LIMIT;
  if (!*t || c < 0 || *cap < 0) return FOLIO_E_ARG;
  if (*cap > 16) *cap = 16;
  *tcap = (size_t)c;
  return FOLIO_OK;
}

/* suggest_typed: out[0] = the corrected text's length (0: the suggestions are for the prefix as typed; the
 * text is at the start of the direct buffer `text`), then the suggestion records of nSuggest. Returns count
 * or status. */
JNIEXPORT jint JNICALL JNIFN(nSuggestTyped)(JNIEnv *env, jclass cls, jlong reader, jlong base, jbyteArray q,
                                            jint cap, jintArray out, jobject text)
{
  (void)cls;
  char buf[MAX_QUERY];
  folio_entry e[16];
  jint len;
  uint32_t n = 0;
  size_t fl = 0;
  jint qn = 0;
  char *t = NULL;
  size_t tcap = 0;
  jint st0 = text_call_args(env, q, buf, &qn, text, &t, &tcap, &cap);
  if (st0 != FOLIO_OK) return st0;
  folio_status st = folio_suggest_typed(PTR(reader), buf, (size_t)qn, e, (uint32_t)cap, &n, t, tcap, &fl);
  if (st != FOLIO_OK) return st;
  len = (jint)fl;
  (*env)->SetIntArrayRegion(env, out, 0, 1, &len);
  put_entries(env, out, 1, e, n, PTR(base));
  return (jint)n;
}

/* search: header (7 ints: hit_count, flags, corrected_off, corrected_len, text_len, missing_off,
 * missing_len), then per hit 16 ints: article, section, slug, title, anchor, heading, score (float bits),
 * flags, snippet_off, snippet_len, more_sections. Snippet, corrected and missing offsets are relative to
 * the text buffer. */
JNIEXPORT jint JNICALL JNIFN(nSearch)(JNIEnv *env, jclass cls, jlong reader, jlong base, jbyteArray q, jint flags,
                                      jint cap, jintArray out, jobject text)
{
  (void)cls;
  char buf[MAX_QUERY];
  folio_search_hit hits[16];
  folio_search_result res;
  jint o[16];
  jint qn = 0;
  char *t = NULL;
  size_t tcap = 0;
  jint st0 = text_call_args(env, q, buf, &qn, text, &t, &tcap, &cap);
  if (st0 != FOLIO_OK) return st0;
  folio_status st = folio_search(PTR(reader), buf, (size_t)qn, (uint32_t)flags, hits, (uint32_t)cap, t, tcap, &res);
  if (st != FOLIO_OK) return st;
  o[0] = (jint)res.hit_count;
  o[1] = (jint)res.flags;
  o[2] = (jint)res.corrected_off;
  o[3] = (jint)res.corrected_len;
  o[4] = (jint)res.text_len;
  o[5] = (jint)res.missing_off;
  o[6] = (jint)res.missing_len;
  (*env)->SetIntArrayRegion(env, out, 0, 7, o);
  for (uint32_t i = 0; i < res.hit_count; ++i) {
    const folio_search_hit *h = &hits[i];
    memset(o, 0, sizeof o);
    o[0] = (jint)h->article;
    o[1] = (jint)h->section;
    put_off(o + 2, h->slug, PTR(base));
    put_off(o + 4, h->title, PTR(base));
    put_off(o + 6, h->anchor, PTR(base));
    put_off(o + 8, h->heading, PTR(base));
    memcpy(&o[10], &h->score, 4);
    o[11] = (jint)h->flags;
    o[12] = (jint)h->snippet_off;
    o[13] = (jint)h->snippet_len;
    o[14] = (jint)h->more_sections;
    (*env)->SetIntArrayRegion(env, out, (jsize)(7 + i * 16), 16, o);
  }
  return FOLIO_OK;
}

/* Render into the direct buffer dst; outLen[0] = bytes written or needed (FOLIO_E_DST_TOO_SMALL). */
JNIEXPORT jint JNICALL JNIFN(nRender)(JNIEnv *env, jclass cls, jlong reader, jint article, jint section, jint format,
                                      jint flags, jobject dst, jintArray outLen)
{
  (void)cls;
  char *d = (*env)->GetDirectBufferAddress(env, dst);
  jlong cap = (*env)->GetDirectBufferCapacity(env, dst);
  size_t n = 0;
  if (!d || cap < 0) return FOLIO_E_ARG;
  folio_status st = folio_render(PTR(reader), (uint32_t)article, (uint32_t)section, (folio_format)format,
                                 (uint32_t)flags, d, (size_t)cap, &n);
  jint len = (jint)n;
  (*env)->SetIntArrayRegion(env, outLen, 0, 1, &len);
  return st;
}

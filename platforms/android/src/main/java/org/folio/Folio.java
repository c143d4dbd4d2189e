package org.folio;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A folio pack opened over caller-owned direct buffers: the pack bytes (for example a
 * {@link java.nio.MappedByteBuffer} of the file, or of an uncompressed APK asset through
 * {@code AssetFileDescriptor}) and a workspace of {@link #workspaceSize(ByteBuffer)} bytes. The native
 * engine allocates nothing; strings are decoded here from the pack buffer.
 *
 * <p>One {@code Folio} is for one thread at a time (it owns one engine reader and a text buffer). Open
 * another {@code Folio} over the same pack buffer, with its own workspace, for another thread. Both
 * buffers must stay reachable while the object is used (the object keeps references to them).
 *
 * <p>A mapped file is read lazily: if an update rewrites it in place, or the SD card holding it fails,
 * the process faults (SIGBUS) or reads bytes the open never checked. Replace packs by writing a new file
 * and renaming it over the old one (a mapping keeps the old file), or read the pack into a direct buffer
 * ({@code FileChannel.read}) when it lives on removable storage; then open a new {@code Folio} when the
 * file's size or {@code lastModified()} changes, keeping the old one until the new one opens.
 */
public final class Folio {
  static {
    System.loadLibrary("folio_jni");
  }

  public static final int OPEN_VERIFY_CHECKSUM = 1;
  public static final int NONE = 0xFFFFFFFF;

  /** Engine status codes (folio.h), stable. */
  public static final int OK = 0, E_ARG = -1, E_FORMAT = -2, E_VERSION = -3, E_CORRUPT = -4,
      E_WORKSPACE = -5, E_DST_TOO_SMALL = -6, E_NOT_FOUND = -7, E_TRUNCATED = -8, E_CHECKSUM = -9,
      E_UTF8 = -10, E_QUERY = -11, E_LIMIT = -12;

  /** Thrown for any status other than OK (and NOT_FOUND where a method returns null instead). */
  public static final class FolioException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public final int status;

    FolioException(int status, String what) {
      super(what + ": " + nStatusString(status) + " (" + status + ")");
      this.status = status;
    }
  }

  public static final class Info {
    public String title, language, contentVersion, licence, disclaimer;
    public int articleCount, sectionCount, glossaryCount, referenceCount, topicCount;
    public int workspaceBytes, maxDocBytes, formatMajor, formatMinor;
    public boolean searchAvailable;
  }

  public static final class Article {
    public int id, updated, audience, sectionFirst, sectionCount;
    /** The section a lookup resolved to ("slug#anchor"), else the lead section. */
    public int section;
    public String slug, title, summary;

    @Override
    public String toString() {
      return slug + " (" + title + ")";
    }
  }

  public static final class Suggestion {
    public int article, kind, score;
    public String slug, title, matched;
  }

  public static final class SuggestResult {
    public final List<Suggestion> suggestions = new ArrayList<>();
    public String corrected; // the text the suggestions are for when it is not the prefix; null if it is
  }

  public static final class Hit {
    public int article, section, flags, moreSections;
    public float score;
    public String slug, title, anchor, heading, snippet;
  }

  public static final class Glossary {
    public int id;
    public String key, term, definition;
  }

  public static final class SearchResult {
    public final List<Hit> hits = new ArrayList<>();
    public String corrected; // null unless a word was corrected
    public String suggested; // "did you mean" when nothing was found and a real word was kept as typed
    public String missing; // the query's words no section has, as typed and space-separated; null if none
    public boolean partial;
  }

  private final ByteBuffer pack;
  private final ByteBuffer workspace;
  private final long packHandle, readerHandle, base;
  private final int[] rec = new int[7 + 16 * 16];
  private final int[] len1 = new int[1];
  private ByteBuffer text = ByteBuffer.allocateDirect(8192);
  private ByteBuffer out = ByteBuffer.allocateDirect(16384);

  /** Workspace bytes {@link #open} needs for this pack; 0 if it is not a pack (or not direct). */
  public static long workspaceSize(ByteBuffer pack) {
    return nWorkspaceSize(pack);
  }

  /** Opens {@code pack} (a direct buffer) with {@code workspace} (direct, at least workspaceSize). */
  public static Folio open(ByteBuffer pack, ByteBuffer workspace, int flags) {
    if (!pack.isDirect() || !workspace.isDirect()) throw new IllegalArgumentException("direct buffers required");
    return new Folio(pack, workspace, flags);
  }

  /** Opens {@code pack} with a newly allocated direct workspace of the right size. */
  public static Folio open(ByteBuffer pack) {
    long n = workspaceSize(pack);
    if (n == 0) throw new FolioException(E_FORMAT, "open");
    return open(pack, ByteBuffer.allocateDirect((int) n), 0);
  }

  private Folio(ByteBuffer pack, ByteBuffer workspace, int flags) {
    long[] h = new long[3];
    int st = nOpen(pack, workspace, flags, h);
    if (st != OK) throw new FolioException(st, "open");
    this.pack = pack;
    this.workspace = workspace;
    this.packHandle = h[0];
    this.readerHandle = h[1];
    this.base = h[2];
  }

  private String str(int off, int len) {
    if (len == 0) return "";
    byte[] b = new byte[len];
    ByteBuffer d = pack.duplicate();
    d.position(off);
    d.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private String textStr(int off, int len) {
    byte[] b = new byte[len];
    ByteBuffer d = text.duplicate();
    d.position(off);
    d.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Article article(int[] o) {
    Article a = new Article();
    a.id = o[0];
    a.slug = str(o[1], o[2]);
    a.title = str(o[3], o[4]);
    a.summary = str(o[5], o[6]);
    a.updated = o[7];
    a.audience = o[8];
    a.sectionFirst = o[9];
    a.sectionCount = o[10];
    a.section = o[11];
    return a;
  }

  public Info info() {
    int st = nInfo(packHandle, base, rec);
    if (st != OK) throw new FolioException(st, "info");
    Info i = new Info();
    i.title = str(rec[0], rec[1]);
    i.language = str(rec[2], rec[3]);
    i.contentVersion = str(rec[4], rec[5]);
    i.licence = str(rec[6], rec[7]);
    i.disclaimer = str(rec[8], rec[9]);
    i.articleCount = rec[10];
    i.sectionCount = rec[11];
    i.glossaryCount = rec[12];
    i.referenceCount = rec[13];
    i.topicCount = rec[14];
    i.workspaceBytes = rec[15];
    i.maxDocBytes = rec[16];
    i.searchAvailable = rec[17] != 0;
    i.formatMajor = rec[18];
    i.formatMinor = rec[19];
    return i;
  }

  /** Article by id, or null past the end. */
  public Article article(int id) {
    int st = nArticle(packHandle, base, id, rec);
    if (st == E_NOT_FOUND) return null;
    if (st != OK) throw new FolioException(st, "article");
    return article(rec);
  }

  /** "slug", "slug#anchor", a title or an alias; null if nothing matches. */
  public Article lookup(String query) {
    int st = nLookup(packHandle, base, utf8(query), rec);
    if (st == E_NOT_FOUND) return null;
    if (st != OK) throw new FolioException(st, "lookup");
    return article(rec);
  }

  /** Ranked title-prefix suggestions (at most 16 here). */
  public List<Suggestion> suggest(String prefix, int limit) {
    int n = nSuggest(packHandle, base, utf8(prefix), Math.min(limit, 16), rec);
    if (n < 0) throw new FolioException(n, "suggest");
    return suggestions(0, n);
  }

  /**
   * Suggestions for what the user is typing, through the search's typo correction when nothing starts with
   * it ("injecton" gives those of "injection"): folio_suggest_typed.
   */
  public SuggestResult suggestTyped(String prefix, int limit) {
    int n = nSuggestTyped(readerHandle, base, utf8(prefix), Math.min(limit, 16), rec, text);
    if (n < 0) throw new FolioException(n, "suggest");
    SuggestResult r = new SuggestResult();
    if (rec[0] > 0) r.corrected = textStr(0, rec[0]);
    r.suggestions.addAll(suggestions(1, n));
    return r;
  }

  // n suggestion records of 9 ints from rec[at]
  private List<Suggestion> suggestions(int at, int n) {
    List<Suggestion> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int o = at + i * 9;
      Suggestion s = new Suggestion();
      s.article = rec[o];
      s.slug = str(rec[o + 1], rec[o + 2]);
      s.title = str(rec[o + 3], rec[o + 4]);
      s.matched = str(rec[o + 5], rec[o + 6]);
      s.kind = rec[o + 7];
      s.score = rec[o + 8];
      out.add(s);
    }
    return out;
  }

  /** Full-text search (folio.h FOLIO_SEARCH_* flags), at most 16 hits, with snippets. */
  public SearchResult search(String query, int limit, int flags) {
    int st = nSearch(readerHandle, base, utf8(query), flags, Math.min(limit, 16), rec, text);
    if (st != OK) throw new FolioException(st, "search");
    SearchResult r = new SearchResult();
    int n = rec[0];
    if ((rec[1] & 1) != 0) r.corrected = textStr(rec[2], rec[3]);
    if ((rec[1] & 16) != 0) r.suggested = textStr(rec[2], rec[3]);
    if ((rec[1] & 32) != 0) r.missing = textStr(rec[5], rec[6]);
    r.partial = (rec[1] & 2) != 0;
    for (int i = 0; i < n; i++) {
      int o = 7 + i * 16;
      Hit h = new Hit();
      h.article = rec[o];
      h.section = rec[o + 1];
      h.slug = str(rec[o + 2], rec[o + 3]);
      h.title = str(rec[o + 4], rec[o + 5]);
      h.anchor = str(rec[o + 6], rec[o + 7]);
      h.heading = str(rec[o + 8], rec[o + 9]);
      h.score = Float.intBitsToFloat(rec[o + 10]);
      h.flags = rec[o + 11];
      h.snippet = textStr(rec[o + 12], rec[o + 13]);
      h.moreSections = rec[o + 14];
      r.hits.add(h);
    }
    return r;
  }

  /** A glossary entry by term, abbreviation or everyday word ("kneecap", "OA"); null if none. */
  public Glossary glossary(String text) {
    return glossary(text, 0, "glossary");
  }

  /** The glossary entry a search query asks about ("what is a placebo?", "stem cells"), for a definition
   *  card above the hits; null if the query names no term. */
  public Glossary glossaryForQuery(String query) {
    return glossary(query, 1, "glossaryForQuery");
  }

  private Glossary glossary(String text, int mode, String what) {
    int st = nGlossary(packHandle, base, utf8(text), mode, rec);
    if (st == E_NOT_FOUND) return null;
    if (st != OK) throw new FolioException(st, what);
    Glossary g = new Glossary();
    g.id = rec[0];
    g.key = str(rec[1], rec[2]);
    g.term = str(rec[3], rec[4]);
    g.definition = str(rec[5], rec[6]);
    return g;
  }

  /** Renders an article (section NONE: the whole article) as HTML or plain text. */
  public String render(int article, int section, boolean html) {
    for (int attempt = 0; attempt < 2; attempt++) {
      int st = nRender(readerHandle, article, section, html ? 1 : 0, 0, out, len1);
      if (st == OK) {
        byte[] b = new byte[len1[0]];
        ByteBuffer d = out.duplicate();
        d.position(0);
        d.get(b);
        return new String(b, StandardCharsets.UTF_8);
      }
      if (st != E_DST_TOO_SMALL) throw new FolioException(st, "render");
      out = ByteBuffer.allocateDirect(Math.max(len1[0], 2 * out.capacity()));
    }
    throw new FolioException(E_DST_TOO_SMALL, "render");
  }

  /** The pack and workspace buffers this object reads (kept reachable for the native side). */
  public ByteBuffer packBuffer() {
    return pack;
  }

  public ByteBuffer workspaceBuffer() {
    return workspace;
  }

  private static native long nWorkspaceSize(ByteBuffer pack);
  private static native int nOpen(ByteBuffer pack, ByteBuffer ws, int flags, long[] out);
  private static native String nStatusString(int status);
  private static native int nInfo(long pack, long base, int[] out);
  private static native int nArticle(long pack, long base, int id, int[] out);
  private static native int nLookup(long pack, long base, byte[] query, int[] out);
  private static native int nSuggest(long pack, long base, byte[] prefix, int cap, int[] out);
  private static native int nSuggestTyped(long reader, long base, byte[] prefix, int cap, int[] out, ByteBuffer text);
  private static native int nGlossary(long pack, long base, byte[] query, int mode, int[] out);
  private static native int nSearch(long reader, long base, byte[] query, int flags, int cap, int[] out, ByteBuffer text);
  private static native int nRender(long reader, int article, int section, int format, int flags, ByteBuffer dst, int[] outLen);
}

package org.folio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Host JVM test of the JNI binding (run with -Xcheck:jni): java FolioHostTest <pack>. */
public final class FolioHostTest {
  private static int passed, failed;

  private static void check(boolean ok, String name) {
    if (ok) passed++;
    else failed++;
    System.out.println((ok ? "ok   " : "FAIL ") + name);
  }

  public static void main(String[] args) throws IOException {
    Path path = Paths.get(args[0]);
    MappedByteBuffer pack;
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      pack = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()); // direct, page aligned
    }
    long ws = Folio.workspaceSize(pack);
    check(ws > 0, "workspaceSize " + ws);
    Folio f = Folio.open(pack, ByteBuffer.allocateDirect((int) ws), Folio.OPEN_VERIFY_CHECKSUM);
    Folio.Info info = f.info();
    check(info.articleCount > 0 && !info.title.isEmpty(), "info: " + info.title + ", " + info.articleCount + " articles");

    Folio.Article a0 = f.article(0);
    check(a0 != null && !a0.slug.isEmpty(), "article 0: " + a0);
    check(f.article(info.articleCount) == null, "article past the end is null");
    Folio.Article bySlug = f.lookup(a0.slug);
    check(bySlug != null && bySlug.id == 0, "lookup slug");
    Folio.Article byTitle = f.lookup(a0.title.toUpperCase());
    check(byTitle != null && byTitle.id == 0, "lookup title (folded)");
    check(f.lookup("no-such-article-zz") == null, "lookup miss is null");

    List<Folio.Suggestion> s = f.suggest(a0.title.substring(0, Math.min(3, a0.title.length())), 8);
    check(!s.isEmpty(), "suggest '" + a0.title.substring(0, 3) + "' -> " + (s.isEmpty() ? "-" : s.get(0).title));

    if (info.searchAvailable) {
      String word = a0.title.replaceAll("[^A-Za-z ]", " ").trim().split("\\s+")[0];
      Folio.SearchResult r = f.search(word, 5, 0);
      check(!r.hits.isEmpty() && r.hits.get(0).score > 0, "search '" + word + "': " + r.hits.size() + " hits"
          + (r.hits.isEmpty() ? "" : ", first " + r.hits.get(0).title + ": " + r.hits.get(0).snippet));
      Folio.SuggestResult typed = f.suggestTyped("injecton", 8);
      check("injection".equals(typed.corrected) && !typed.suggestions.isEmpty()
          && typed.suggestions.get(0).article == f.suggest("injection", 8).get(0).article,
          "suggestTyped: injecton -> " + typed.corrected + ", " + typed.suggestions.size() + " suggestions");
      Folio.SuggestResult asTyped = f.suggestTyped(a0.title.substring(0, 3), 8);
      check(asTyped.corrected == null && asTyped.suggestions.size() == s.size(), "suggestTyped: a prefix as typed");
      Folio.SearchResult knew = f.search("knew", 5, 0);
      check(knew.hits.isEmpty() && knew.corrected == null && "knee".equals(knew.suggested),
          "a real word the content lacks is suggested, not searched: knew -> " + knew.suggested);
      check("knew".equals(knew.missing), "the word no section has is named: " + knew.missing);
      Folio.SearchResult hover = f.search("hovercraft knee", 5, 0);
      check(!hover.hits.isEmpty() && "hovercraft".equals(hover.missing) && f.search("knee", 5, 0).missing == null,
          "missing words after the hits: " + hover.missing);
      try {
        f.search("   ", 5, 0);
        check(false, "empty query throws");
      } catch (Folio.FolioException e) {
        check(e.status == Folio.E_QUERY, "empty query throws E_QUERY");
      }
    } else {
      check(false, "search: the pack has no search index");
    }

    Folio.Glossary oa = f.glossary("OA");
    check(oa != null && !oa.term.isEmpty() && !oa.definition.isEmpty(), "glossary OA -> " + (oa == null ? "-" : oa.term));
    Folio.Glossary q = f.glossaryForQuery("What does OA stand for?");
    check(q != null && oa != null && q.id == oa.id, "glossaryForQuery: the term inside a question");
    check(f.glossaryForQuery("OA zzzz") == null && f.glossary("zzzz-not-a-term") == null, "glossary misses are null");

    int biggest = 0;
    boolean allOk = true;
    for (int id = 0; id < info.articleCount; id++) {
      Folio.Article a = f.article(id);
      String html = f.render(id, Folio.NONE, true);
      String text = f.render(id, Folio.NONE, false);
      allOk &= html.contains("<h1") && text.contains(a.title);
      biggest = Math.max(biggest, html.length());
    }
    check(allOk, "render every article as HTML and text (largest " + biggest + " chars)");

    try {
      Folio.open(ByteBuffer.allocateDirect(4096));
      check(false, "not a pack is refused");
    } catch (Folio.FolioException e) {
      check(e.status == Folio.E_FORMAT, "not a pack is refused (E_FORMAT)");
    }
    System.out.println(passed + " passed, " + failed + " failed");
    System.exit(failed == 0 ? 0 : 1);
  }
}

import SearchEngine
import TalkCatalog

public enum TalkColumns {
    public static var schema: ColumnSchema { Talk.columns }
}

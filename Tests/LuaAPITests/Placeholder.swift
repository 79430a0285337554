import Testing
@testable import LuaAPI

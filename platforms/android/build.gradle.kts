// Android library module for the folio JNI binding. NOT built in CI: Debian has no Android SDK/NDK, so
// this file has never been run by us. It is the intended wiring, kept deliberately small; CI builds and
// tests the same JNI code (src/main/cpp) and Java API (src/main/java) on the host JVM through
// CMakeLists.txt (label `jni`). Check versions against your Android Gradle Plugin before use.
plugins {
    id("com.android.library")
}

android {
    namespace = "org.folio"
    compileSdk = 34
    ndkVersion = "26.3.11579264"

    defaultConfig {
        minSdk = 24
        externalNativeBuild {
            cmake {
                // The engine builds zstd's decoder from this tree (lib/common + lib/decompress); point it at
                // a zstd source checkout (Debian: apt-get source libzstd) or vendor one.
                arguments += listOf("-DFOLIO_ZSTD_SOURCE_DIR=${project.findProperty("folioZstdSource") ?: ""}",
                                    "-DFOLIO_FLATBUFFERS_INCLUDE=${project.findProperty("folioFlatbuffersInclude") ?: ""}")
            }
        }
        ndk {
            abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64")
        }
    }

    externalNativeBuild {
        cmake {
            path = file("CMakeLists.txt")
            version = "3.22.1"
        }
    }
    // The pack must be stored uncompressed in the APK to be memory-mapped (AssetFileDescriptor +
    // FileChannel.map gives a direct ByteBuffer):
    androidResources {
        noCompress += "folio"
    }
}

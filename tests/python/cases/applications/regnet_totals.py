# The RegNets as tf-keras 2 builds them (applications/regnet.py), default input 224x224 and
# the ImageNet top. Keras publishes their sizes rounded (2.7M, ...); the exact totals below are
# counted independently from regnet.py's MODEL_CONFIGS and the layers' weight formulas:
#   stem: Conv2D 3x3 (3 -> 32, no bias) 864 + BatchNormalization 4 * 32;
#   each block of width w (groups g = w // group_width, taken as 1 when 0, as Conv2D does),
#   input width f: the first block of a stage adds a strided 1x1 projection f*w + 4w; then
#   1x1 f*w + 4w, grouped 3x3 9*(w/g)*w + 4w, (Y: squeeze-excite with s = int(f / 4):
#   w*s + s + s*w + w), 1x1 w*w + 4w;
#   head: Dense(last width -> 1000) with its bias.
# (None of these counts was taken from dimsum.)
# expect: ok
from tensorflow import keras


regnetx002 = keras.applications.RegNetX002()  # expect: params 2705640 model=regnetx002

regnetx004 = keras.applications.RegNetX004()  # expect: params 5194184 model=regnetx004

regnetx006 = keras.applications.RegNetX006()  # expect: params 6229320 model=regnetx006

regnetx008 = keras.applications.RegNetX008()  # expect: params 7296968 model=regnetx008

regnetx016 = keras.applications.RegNetX016()  # expect: params 9233640 model=regnetx016

regnetx032 = keras.applications.RegNetX032()  # expect: params 15359112 model=regnetx032

regnetx040 = keras.applications.RegNetX040()  # expect: params 22194312 model=regnetx040

regnetx064 = keras.applications.RegNetX064()  # expect: params 26283464 model=regnetx064

regnetx080 = keras.applications.RegNetX080()  # expect: params 39663112 model=regnetx080

regnetx120 = keras.applications.RegNetX120()  # expect: params 46202440 model=regnetx120

regnetx160 = keras.applications.RegNetX160()  # expect: params 54389704 model=regnetx160

regnetx320 = keras.applications.RegNetX320()  # expect: params 107973576 model=regnetx320

regnety002 = keras.applications.RegNetY002()  # expect: params 3183844 model=regnety002

regnety004 = keras.applications.RegNetY004()  # expect: params 4371296 model=regnety004

regnety006 = keras.applications.RegNetY006()  # expect: params 6084920 model=regnety006

regnety008 = keras.applications.RegNetY008()  # expect: params 6293056 model=regnety008

regnety016 = keras.applications.RegNetY016()  # expect: params 11255102 model=regnety016

regnety032 = keras.applications.RegNetY032()  # expect: params 19502498 model=regnety032

regnety040 = keras.applications.RegNetY040()  # expect: params 20708928 model=regnety040

regnety064 = keras.applications.RegNetY064()  # expect: params 30665684 model=regnety064

regnety080 = keras.applications.RegNetY080()  # expect: params 39265812 model=regnety080

regnety120 = keras.applications.RegNetY120()  # expect: params 51918928 model=regnety120

regnety160 = keras.applications.RegNetY160()  # expect: params 83712956 model=regnety160

regnety320 = keras.applications.RegNetY320()  # expect: params 145205058 model=regnety320
